"""An independent MQTT 5 responder for iotctl's rr tests, on paho-mqtt.

Usage: responder.py PORT REQUEST_TOPIC [--decoy] [--no-correlation] [--v311 RESPONSE_TOPIC] [--nodelay]
Prints "ready" once subscribed. For each request it answers on the request's response topic with
"pong:" + payload and the request's correlation data. With --decoy it first sends a reply with
other correlation data, which a correct client must ignore. With --no-correlation its replies carry
none, as responders that ignore MQTT 5 properties do (ThingsBoard's RPC responses, for one). With
--v311 it speaks MQTT 3.1.1, which has no properties, and answers on RESPONSE_TOPIC. With --nodelay
its socket sets TCP_NODELAY (the benches' no-delay path); otherwise it Nagles, as Python's sockets do.
It exits when its broker goes away: a test fixture that outlives its test leaves no responder behind.
"""
import os
import socket
import sys

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

port, request_topic = int(sys.argv[1]), sys.argv[2]
decoy = "--decoy" in sys.argv
echoes_correlation = "--no-correlation" not in sys.argv
v311_response_topic = sys.argv[sys.argv.index("--v311") + 1] if "--v311" in sys.argv else None


def on_connect(client, userdata, flags, reason_code, properties):
    if "--nodelay" in sys.argv:
        client.socket().setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    client.subscribe(request_topic, qos=1)


def on_message_v311(client, userdata, message):
    client.publish(v311_response_topic, b"pong:" + message.payload, qos=1)


def on_disconnect(client, userdata, flags, reason_code, properties):
    os._exit(0)


def on_subscribe(client, userdata, mid, reason_codes, properties):
    print("ready", flush=True)


def on_message(client, userdata, message):
    props = message.properties
    response_topic = getattr(props, "ResponseTopic", None)
    if not response_topic:
        return
    if decoy:
        other = Properties(PacketTypes.PUBLISH)
        other.CorrelationData = b"not-yours"
        client.publish(response_topic, b"decoy", qos=1, properties=other)
    reply = Properties(PacketTypes.PUBLISH)
    correlation = getattr(props, "CorrelationData", None)
    if correlation is not None and echoes_correlation:
        reply.CorrelationData = correlation
    client.publish(response_topic, b"pong:" + message.payload, qos=1, properties=reply)


protocol = mqtt.MQTTv311 if v311_response_topic else mqtt.MQTTv5
client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, protocol=protocol)
client.on_connect = on_connect
client.on_subscribe = on_subscribe
client.on_disconnect = on_disconnect
client.on_message = on_message_v311 if v311_response_topic else on_message
client.connect("127.0.0.1", port)
client.loop_forever()
