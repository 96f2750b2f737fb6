"""A ThingsBoard-like firmware cloud on paho-mqtt, behind a broker, for bench/firmware.py.

Usage: fw_cloud.py PORT IMAGE [--nodelay]

Answers the shared fw_* attribute request on v1/devices/me/attributes/request/+ and serves
v2/fw/request/ID/chunk/N with the chunk the payload's size asks for, as ThingsBoard's transport
does, at QoS 1. Prints "ready" once subscribed. Without --nodelay its socket Nagles, as a Python
client's does by default: with a broker that Nagles too, each answer may wait for a delayed ACK.
"""
import hashlib
import json
import socket
import sys

import paho.mqtt.client as mqtt

port, image = int(sys.argv[1]), open(sys.argv[2], "rb").read()
nodelay = "--nodelay" in sys.argv
shared = {"fw_title": "bench", "fw_version": "1.0", "fw_size": len(image),
          "fw_checksum": hashlib.sha256(image).hexdigest(), "fw_checksum_algorithm": "SHA256"}


def on_connect(client, userdata, flags, reason_code, properties):
    if nodelay:
        client.socket().setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    client.subscribe([("v1/devices/me/attributes/request/+", 1), ("v2/fw/request/+/chunk/+", 1)])


def on_subscribe(client, userdata, mid, reason_codes, properties):
    print("ready", flush=True)


def on_message(client, userdata, message):
    parts = message.topic.split("/")
    if message.topic.startswith("v1/devices/me/attributes/request/"):
        client.publish(f"v1/devices/me/attributes/response/{parts[-1]}", json.dumps({"shared": shared}), qos=1)
        return
    request_id, index = parts[3], int(parts[5])
    size = int(message.payload or b"0") or len(image)
    client.publish(f"v2/fw/response/{request_id}/chunk/{index}", image[index * size:(index + 1) * size], qos=1)


client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
client.on_connect = on_connect
client.on_subscribe = on_subscribe
client.on_message = on_message
client.connect("127.0.0.1", port)
client.loop_forever()
