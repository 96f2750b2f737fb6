"""A ThingsBoard firmware server on paho-mqtt that loses one chunk request, for fw fetch's retry test.

Usage: lossy_firmware.py PORT SIZE
Serves an image of SIZE bytes (byte i is i % 251) with MD5: answers the fw_* attribute request and
v2/fw/request/+/chunk/+, but ignores the first request for chunk 1. Prints "ready" once subscribed and
"chunk N" for every chunk request it sees.
"""
import hashlib
import json
import sys

import paho.mqtt.client as mqtt

port, size = int(sys.argv[1]), int(sys.argv[2])
image = bytes(i % 251 for i in range(size))
dropped = set()


def on_connect(client, userdata, flags, reason_code, properties):
    client.subscribe([("v1/devices/me/attributes/request/+", 1), ("v2/fw/request/+/chunk/+", 1)])


def on_subscribe(client, userdata, mid, reason_codes, properties):
    print("ready", flush=True)


def on_message(client, userdata, message):
    levels = message.topic.split("/")
    if message.topic.startswith("v1/devices/me/attributes/request/"):
        shared = {"fw_title": "lossy.bin", "fw_version": "1.0", "fw_size": size,
                  "fw_checksum_algorithm": "MD5", "fw_checksum": hashlib.md5(image).hexdigest()}
        client.publish(f"v1/devices/me/attributes/response/{levels[-1]}", json.dumps({"shared": shared}), qos=1)
        return
    request_id, index = levels[3], int(levels[5])
    print(f"chunk {index}", flush=True)
    if index == 1 and index not in dropped:
        dropped.add(index)
        return
    chunk = int(message.payload or b"0")
    part = image[chunk * index:chunk * (index + 1)] if chunk else image
    client.publish(f"v2/fw/response/{request_id}/chunk/{index}", part, qos=1)


client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
client.on_connect = on_connect
client.on_subscribe = on_subscribe
client.on_message = on_message
client.connect("127.0.0.1", port)
client.loop_forever()
