"""A ThingsBoard-like firmware cloud that misbehaves in one chosen way, for iotctl's fault tests.

Usage: fw_misbehaving.py PORT IMAGE MODE [STATE_FILE]

Announces IMAGE (fw_size, SHA256) and serves v2/fw/request/ID/chunk/N, except that MODE makes it:
  reorder     answer each window of requests in reverse order
  duplicate   send every chunk twice
  missing     never answer chunk 3
  oversized   send chunk 2 one byte longer than asked
  size-low    announce fw_size 1,000 bytes smaller than the image
  size-high   announce fw_size 1,000 bytes larger than the image
  slow        wait 20 ms before each answer (so that a client can be killed mid-download)
Prints "ready" once subscribed.
"""
import hashlib
import json
import sys
import threading
import time

import paho.mqtt.client as mqtt

port, image, mode = int(sys.argv[1]), open(sys.argv[2], "rb").read(), sys.argv[3]
size = len(image) + {"size-low": -1000, "size-high": 1000}.get(mode, 0)
shared = {"fw_title": "fw", "fw_version": "1.0", "fw_size": size,
          "fw_checksum": hashlib.sha256(image).hexdigest(), "fw_checksum_algorithm": "SHA256"}
held = []
lock = threading.Lock()


def chunk(index, length):
    data = image[index * length:(index + 1) * length]
    return data + b"!" if mode == "oversized" and index == 2 else data


def on_connect(client, userdata, flags, reason_code, properties):
    client.subscribe([("v1/devices/me/attributes/request/+", 1), ("v2/fw/request/+/chunk/+", 1)])


def on_subscribe(client, userdata, mid, reason_codes, properties):
    print("ready", flush=True)


def answer(client, request_id, index, length):
    client.publish(f"v2/fw/response/{request_id}/chunk/{index}", chunk(index, length), qos=1)


def on_message(client, userdata, message):
    parts = message.topic.split("/")
    if message.topic.startswith("v1/devices/me/attributes/request/"):
        client.publish(f"v1/devices/me/attributes/response/{parts[-1]}", json.dumps({"shared": shared}), qos=1)
        return
    request_id, index = parts[3], int(parts[5])
    length = int(message.payload or b"0") or len(image)
    if mode == "missing" and index == 3:
        return
    if mode == "slow":
        time.sleep(0.02)
    if mode == "reorder":
        with lock:
            held.append((index, length))
            if len(held) < 4 and (index + 1) * length < len(image):
                return
            batch = list(reversed(held))
            held.clear()
        for i, l in batch:
            answer(client, request_id, i, l)
        return
    answer(client, request_id, index, length)
    if mode == "duplicate":
        answer(client, request_id, index, length)


client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
client.on_connect = on_connect
client.on_subscribe = on_subscribe
client.on_message = on_message
client.connect("127.0.0.1", port)
client.loop_forever()
