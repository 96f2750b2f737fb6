#!/usr/bin/env python3
"""What a broker restart with persistence costs a QoS 1 stream, for iotctl and for an independent peer.

Usage: bench/broker_restart.py [--iotctl PATH] [--lines N] [--rounds N]

Each round sends N lines at QoS 1 to a persistent subscriber (`mosquitto_sub -q 1 -c -i sub1`) on a
mosquitto with `persistence true`, which is stopped with SIGTERM (it saves its store) and started again
halfway through. The publisher keeps a persistent session too: `iotctl pub -l -q 1 --reconnect forever
-c -i pub1`, then, as the reference, paho-mqtt with `clean_session=False`, which resends what the broker
has not acknowledged. Both publishers see every line acknowledged; what the subscriber then lacks was
lost by the broker after it acknowledged it. Prints per round: the exit, lines missing at the
subscriber (the first and last), duplicates.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from raw_verbs import free_port, parse_arguments, tool  # noqa: E402

import paho.mqtt.client as mqtt  # noqa: E402


class RestartingBroker:
    def __init__(self, directory):
        self.port = free_port()
        self.config = os.path.join(directory, "mosquitto.conf")
        self.log = open(os.path.join(directory, "broker.log"), "a")
        with open(self.config, "w") as out:
            out.write(f"listener {self.port} 127.0.0.1\nallow_anonymous true\npersistence true\n"
                      f"persistence_location {directory}/\nmax_queued_messages 0\n")
        self.start()

    def start(self):
        self.process = subprocess.Popen([tool("mosquitto"), "-c", self.config], stdout=subprocess.DEVNULL, stderr=self.log)
        time.sleep(0.3)

    def restart(self):
        self.process.terminate()
        self.process.wait()
        time.sleep(0.5)
        self.start()

    def stop(self):
        self.process.terminate()
        self.process.wait()


def iotctl_publisher(iotctl, broker, parts, directory):
    errors = open(os.path.join(directory, "pub.err"), "w")
    publisher = subprocess.Popen([iotctl, "pub", "-p", str(broker.port), "-t", "t", "-l", "-q", "1", "--reconnect", "forever",
                                  "-c", "-i", "pub1"], stdin=subprocess.PIPE, stderr=errors)
    for index, part in enumerate(parts):
        publisher.stdin.write(("\n".join(part) + "\n").encode())
        publisher.stdin.flush()
        time.sleep(0.1)
        if index == len(parts) // 2 - 1:
            broker.restart()
    publisher.stdin.close()
    return publisher.wait(120)


def paho_publisher(broker, parts):
    acknowledged = [0]
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="pub1", clean_session=False)
    client.max_inflight_messages_set(20)
    client.reconnect_delay_set(0.1, 1)
    client.on_publish = lambda *_: acknowledged.__setitem__(0, acknowledged[0] + 1)
    client.connect("127.0.0.1", broker.port)
    client.loop_start()
    for index, part in enumerate(parts):
        for line in part:
            client.publish("t", line, qos=1)
        time.sleep(0.1)
        if index == len(parts) // 2 - 1:
            broker.restart()
    total = sum(len(part) for part in parts)
    deadline = time.time() + 120
    while acknowledged[0] < total and time.time() < deadline:
        time.sleep(0.05)
    client.disconnect()
    client.loop_stop()
    return 0 if acknowledged[0] == total else f"{acknowledged[0]} acknowledged"


def one_round(which, iotctl, lines):
    directory = tempfile.mkdtemp(prefix="iotctl-restart-")
    broker = RestartingBroker(directory)
    received_path = os.path.join(directory, "received.txt")
    received = open(received_path, "w")
    subscriber = subprocess.Popen([tool("mosquitto_sub"), "-p", str(broker.port), "-t", "t", "-q", "1", "-c", "-i", "sub1"],
                                  stdout=received)
    time.sleep(0.3)
    numbers = [str(n) for n in range(1, lines + 1)]
    parts = [numbers[k * lines // 10:(k + 1) * lines // 10] for k in range(10)]
    status = iotctl_publisher(iotctl, broker, parts, directory) if which == "iotctl" else paho_publisher(broker, parts)
    counts = {}
    deadline = time.time() + 15
    while time.time() < deadline:
        received.flush()
        counts = {}
        for line in open(received_path):
            counts[line.strip()] = counts.get(line.strip(), 0) + 1
        if len(counts) >= lines:
            break
        time.sleep(0.2)
    subscriber.terminate()
    broker.stop()
    missing = [n for n in range(1, lines + 1) if str(n) not in counts]
    span = f" ({missing[0]}-{missing[-1]})" if missing else ""
    duplicates = sum(count - 1 for count in counts.values())
    print(f"  {which:7} exit {status}, {len(missing):5} of {lines} missing{span}, {duplicates} duplicates")
    return len(missing)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=4)
    args, iotctl = parse_arguments(parser)
    version = subprocess.run([tool("mosquitto"), "-h"], capture_output=True, text=True).stdout.splitlines()[0]
    print(f"broker restart with persistence, {args.lines} lines at QoS 1 per round ({version})")
    lost = {"iotctl": [], "paho": []}
    for _ in range(args.rounds):
        for which in ("iotctl", "paho"):
            lost[which].append(one_round(which, iotctl, args.lines))
    for which, counts in lost.items():
        print(f"  {which}: lines lost in {sum(1 for c in counts if c)} of {len(counts)} rounds, {sum(counts)} in all")


if __name__ == "__main__":
    main()
