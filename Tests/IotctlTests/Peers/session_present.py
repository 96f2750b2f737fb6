"""Prints whether the broker at 127.0.0.1:PORT still holds a session for CLIENT_ID ("present" or
"absent"), read from the CONNACK of an MQTT 5 connect that asks to resume it; then ends the session.

Usage: session_present.py PORT CLIENT_ID
"""
import sys

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

port, client_id = int(sys.argv[1]), sys.argv[2]
client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5)
answer = []
client.on_connect = lambda c, userdata, flags, reason, properties: answer.append(flags.session_present)
client.connect("127.0.0.1", port, clean_start=False)
while not answer:
    client.loop(timeout=1.0)
print("present" if answer[0] else "absent", flush=True)
ending = Properties(PacketTypes.DISCONNECT)
ending.SessionExpiryInterval = 0
client.disconnect(properties=ending)
