"""A ThingsBoard-like firmware cloud on paho-mqtt, behind a broker: the platform side of firmware
tests and of bench/firmware.py.

Usage: fw_cloud.py PORT IMAGE [MODE] [--nodelay]

Answers the shared fw_* attribute request on v1/devices/me/attributes/request/+ (fw_size, SHA256) and
serves v2/fw/request/ID/chunk/N with the chunk the payload's size asks for, as ThingsBoard's transport
does, at QoS 1. MODE makes it misbehave in one way:
  honest      (the default) nothing
  reorder     answer each window of four requests in reverse order
  duplicate   send every chunk twice
  missing     never answer chunk 3
  lossy       ignore the first request for chunk 1, and print "chunk N" for every request
  oversized   send chunk 2 one byte longer than asked
  size-low    announce fw_size 1,000 bytes smaller than the image
  size-high   announce fw_size 1,000 bytes larger than the image
  endless     announce no fw_size, and answer every request with a full chunk, so the image never ends
  slow        wait 20 ms before each answer (so that a client can be killed mid-download)
Prints "ready" once subscribed. Without --nodelay its socket Nagles, as a Python client's does by
default: with a broker that Nagles too, each answer may wait for a delayed ACK.
"""
import hashlib
import json
import socket
import sys
import threading
import time

import paho.mqtt.client as mqtt

port, image = int(sys.argv[1]), open(sys.argv[2], "rb").read()
words = [word for word in sys.argv[3:] if not word.startswith("--")]
mode = words[0] if words else "honest"
nodelay = "--nodelay" in sys.argv
shared = {"fw_title": "fw", "fw_version": "1.0", "fw_checksum": hashlib.sha256(image).hexdigest(),
          "fw_checksum_algorithm": "SHA256"}
if mode != "endless":
    shared["fw_size"] = len(image) + {"size-low": -1000, "size-high": 1000}.get(mode, 0)
held = []
dropped = set()
lock = threading.Lock()


def chunk(index, length):
    if mode == "endless":
        return b"x" * length
    data = image[index * length:(index + 1) * length]
    return data + b"!" if mode == "oversized" and index == 2 else data


def answer(client, request_id, index, length):
    client.publish(f"v2/fw/response/{request_id}/chunk/{index}", chunk(index, length), qos=1)


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
    length = int(message.payload or b"0") or len(image)
    if mode == "lossy":
        print(f"chunk {index}", flush=True)
        if index == 1 and index not in dropped:
            dropped.add(index)
            return
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
        for i, size in batch:
            answer(client, request_id, i, size)
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
