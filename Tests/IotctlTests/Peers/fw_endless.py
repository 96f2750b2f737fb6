"""A ThingsBoard-like cloud whose firmware never ends, for iotctl's bound on downloads.

Usage: fw_endless.py PORT

Announces fw_title, fw_version and a SHA256 checksum but no fw_size, and answers every chunk request
with a full chunk, so a client that waits for a short or empty chunk never stops. Prints "ready" once
subscribed.
"""
import json
import sys

import paho.mqtt.client as mqtt

port = int(sys.argv[1])
shared = {"fw_title": "endless", "fw_version": "1.0", "fw_checksum": "0" * 64, "fw_checksum_algorithm": "SHA256"}


def on_connect(client, userdata, flags, reason_code, properties):
    client.subscribe([("v1/devices/me/attributes/request/+", 1), ("v2/fw/request/+/chunk/+", 1)])


def on_subscribe(client, userdata, mid, reason_codes, properties):
    print("ready", flush=True)


def on_message(client, userdata, message):
    parts = message.topic.split("/")
    if message.topic.startswith("v1/devices/me/attributes/request/"):
        client.publish(f"v1/devices/me/attributes/response/{parts[-1]}", json.dumps({"shared": shared}), qos=1)
        return
    size = int(message.payload or b"0") or 4096
    client.publish(f"v2/fw/response/{parts[3]}/chunk/{parts[5]}", b"x" * size, qos=1)


client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
client.on_connect = on_connect
client.on_subscribe = on_subscribe
client.on_message = on_message
client.connect("127.0.0.1", port)
client.loop_forever()
