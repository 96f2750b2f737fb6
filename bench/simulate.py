#!/usr/bin/env python3
"""`iotctl simulate` against a paho-mqtt fleet of the same size, side by side on one local broker (issue 18).

Usage: bench/simulate.py [--iotctl PATH] [--devices N] [--seconds S] [--rate R] [--burst-devices N]
                         [--burst-seconds S] [--rounds N] [--skip-paho]

1. The fleet: N ThingsBoard devices (default 10,000) ramped at R connects/s (default 2,000), each
   sending telemetry every 10 s at QoS 1 (N/10 msg/s), 1% of them answering server-side RPCs. A paho
   cloud (TCP_NODELAY) publishes one RPC per second to v1/devices/me/rpc/request/N, which every
   answering device receives (ThingsBoard's topics name no device), so about N/100 answers per second;
   it measures request to answer per reply. Broker: mosquitto with set_tcp_nodelay; with --nagle,
   mosquitto as configured by default and a cloud that Nagles, the path where a slow peer could hide
   the fleet's own delays.
   Quoted for iotctl and for the paho fleet (the same fleet written with paho-mqtt's external loop on
   one epoll selector, as a user would otherwise write it): connects/s over the ramp, telemetry msg/s
   sent and acknowledged, RSS, CPU, and the cloud's p50/p99 request to answer. One `iotctl emulate`
   process records the fleet's messages meanwhile, to show whether one emulator keeps up.
2. Pure publish rate: 1,000 devices sending as fast as the loop allows (interval 1 ms, QoS 1) for S
   seconds (the mean rate over the 500 ms intervals once all are connected), against `iotctl pub -l -q 1`
   with the same payloads on one connection (messages counted at mosquitto_sub over its whole run);
   median of alternating rounds. The fleet's payloads are generated, shaped and validated against the
   telemetry schema; pub -l sends lines as they are. Target: >= 0.8x.
3. The ramp: how many connects/s the broker takes before CONNACKs stall (5,000 devices at 2,000, 4,000
   and 8,000 connects/s).
"""
import argparse
import json
import os
import resource
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from raw_verbs import GNU_TIME, Counter, mib, parse_arguments, start_broker, start_emulator, tool  # noqa: E402

import paho.mqtt.client as mqtt  # noqa: E402

TOPIC = "v1/devices/me/telemetry"


class Cloud:
    """The platform side for RPCs: one request per second, the answers timed on arrival."""

    def __init__(self, port, nodelay=True):
        self.sent = {}
        self.latencies = []
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="bench-cloud")
        self.client.on_message = self.on_message
        self.client.on_connect = lambda c, *a: c.subscribe("v1/devices/me/rpc/response/+", qos=1)
        if nodelay:
            self.client.on_socket_open = lambda c, u, s: s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()
        self.running = True
        self.thread = threading.Thread(target=self.ask, daemon=True)

    def on_message(self, client, userdata, message):
        request = int(message.topic.rsplit("/", 1)[1])
        if request in self.sent:
            self.latencies.append(time.perf_counter() - self.sent[request])

    def ask(self):
        request = 0
        while self.running:
            request += 1
            self.sent[request] = time.perf_counter()
            self.client.publish(f"v1/devices/me/rpc/request/{request}",
                                json.dumps({"method": "setTemperature", "params": 21.5}), qos=1)
            time.sleep(1)

    def start(self):
        self.thread.start()

    def stop(self):
        self.running = False
        self.client.loop_stop()
        self.client.disconnect()
        return self.latencies


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def run_measured(argv, seconds_limit):
    """Runs argv under GNU time; returns (wall seconds, peak RSS KiB, CPU seconds, stdout text)."""
    with tempfile.NamedTemporaryFile("r") as report:
        wrapped = [GNU_TIME, "-f", "%M %U %S", "-o", report.name, *argv] if GNU_TIME else argv
        start = time.perf_counter()
        result = subprocess.run(wrapped, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=seconds_limit)
        wall = time.perf_counter() - start
        fields = report.read().split()
    if result.returncode != 0:
        print(f"  exit {result.returncode}: {result.stderr.decode()[-400:]}")
    rss, cpu = (int(fields[-3]), float(fields[-2]) + float(fields[-1])) if len(fields) >= 3 else (None, None)
    return wall, rss, cpu, result.stdout.decode()


def iotctl_fleet(iotctl, port, devices, seconds, rate, scenario, directory, extra=()):
    stats = os.path.join(directory, "stats.jsonl")
    argv = [iotctl, "simulate", "--dialect", "thingsboard", "--scenario", scenario, "--devices", str(devices),
            "--var", "token=tok-{n}", "--connect-rate", str(rate), "--duration", f"{seconds}s", "--stats", stats,
            "--stats-interval", "500ms", "-h", "127.0.0.1", "-p", str(port), *extra]
    wall, rss, cpu, _ = run_measured(argv, seconds + 120)
    records = [json.loads(line) for line in open(stats)]
    summary = records[-1]
    return wall, rss, cpu, summary, summary.get("all_connected_s")


def paho_fleet(port, devices, seconds, rate, answering):
    """Runs the paho fleet in a child process (so that its RSS and CPU are its own); returns its report."""
    argv = [sys.executable, os.path.abspath(__file__), "--paho-child", str(port), str(devices), str(seconds), str(rate),
            str(answering)]
    wall, rss, cpu, out = run_measured(argv, seconds + 300)
    report = json.loads(out.strip().splitlines()[-1])
    return wall, rss, cpu, report


def paho_child(port, devices, seconds, rate, answering):
    """The paho fleet: paho-mqtt clients on one epoll selector (the external-loop API), no thread each."""
    limit = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (limit[1], limit[1]))
    selector = selectors.DefaultSelector()
    state = {"sent": 0, "acked": 0, "connected": 0, "answers": 0, "full": None}
    start = time.perf_counter()
    clients = []

    def on_connect(client, userdata, flags, reason, properties):
        state["connected"] += 1
        if state["connected"] == devices:
            state["full"] = time.perf_counter() - start
        if userdata["answers"]:
            client.subscribe("v1/devices/me/rpc/request/+", qos=1)

    def on_message(client, userdata, message):
        request = message.topic.rsplit("/", 1)[1]
        body = json.loads(message.payload)
        client.publish(f"v1/devices/me/rpc/response/{request}", json.dumps({"temperature": body.get("params")}), qos=1)
        state["answers"] += 1

    def on_publish(client, userdata, mid, reason, properties):
        state["acked"] += 1

    import random
    random.seed(1)
    due = []
    for n in range(devices):
        client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"paho-{n}",
                             userdata={"answers": n % 100 == 0, "n": n})
        client.username_pw_set(f"tok-{n}")
        client.on_connect, client.on_message, client.on_publish = on_connect, on_message, on_publish
        clients.append(client)
        due.append(random.random() * 10)
    connected_next = 0
    next_misc = 0
    end = start + seconds
    while time.perf_counter() < end:
        now = time.perf_counter() - start
        allowed = min(devices, int(now * rate) + 1)
        while connected_next < allowed:
            client = clients[connected_next]
            client.connect("127.0.0.1", port, keepalive=60)
            selector.register(client.socket(), selectors.EVENT_READ, client)
            connected_next += 1
        for index in range(connected_next):
            if due[index] <= now:
                client = clients[index]
                if client.is_connected():
                    payload = json.dumps({"ts": int(time.time() * 1000), "values": {
                        "temperature": round(20 + random.random() * 2, 1), "humidity": round(40 + random.random() * 10, 1)}})
                    client.publish(TOPIC, payload, qos=1)
                    state["sent"] += 1
                due[index] += 10
        for key, events in selector.select(timeout=0.01):
            key.data.loop_read()
        for client in clients[:connected_next]:
            if client.want_write():
                client.loop_write()
        if now >= next_misc:
            next_misc = now + 1
            for client in clients[:connected_next]:
                client.loop_misc()
    deadline = time.perf_counter() + 5
    while state["acked"] < state["sent"] and time.perf_counter() < deadline:
        for key, events in selector.select(timeout=0.01):
            key.data.loop_read()
        for client in clients[:connected_next]:
            if client.want_write():
                client.loop_write()
    print(json.dumps(state))


SCENARIO = {
    "name": "bench-fleet", "dialect": "thingsboard",
    "telemetry": [{"interval": 10, "jitter": 0, "values": {
        "temperature": {"generator": "uniform", "min": 20, "max": 22, "round": 1},
        "humidity": {"generator": "uniform", "min": 40, "max": 50, "round": 1}}}],
    "commands": {"devices": 0.01, "answers": {"setTemperature": {"result": {"temperature": "{/params}"}}}},
}

BURST = {
    "name": "bench-burst", "dialect": "thingsboard",
    "telemetry": [{"interval": 0.001, "jitter": 0, "offset": 0, "values": {
        "temperature": {"generator": "uniform", "min": 20, "max": 22, "round": 1},
        "humidity": {"generator": "uniform", "min": 40, "max": 50, "round": 1}}}],
}


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--paho-child":
        paho_child(*(int(a) for a in sys.argv[2:7]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--devices", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--rate", type=int, default=2000)
    parser.add_argument("--burst-devices", type=int, default=1000)
    parser.add_argument("--burst-seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-paho", action="store_true")
    parser.add_argument("--parts", default="123", help="which parts to run, such as 2 or 13")
    parser.add_argument("--nagle", action="store_true",
                        help="part 1 on the Nagle path: mosquitto as configured by default, a cloud without TCP_NODELAY")
    args, iotctl = parse_arguments(parser)
    limit = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (limit[1], limit[1]))
    print(f"iotctl {iotctl}; open files {limit[1]}; {os.cpu_count()} CPUs\n")
    directory = tempfile.mkdtemp()
    fleet_file = os.path.join(directory, "fleet.json")
    burst_file = os.path.join(directory, "burst.json")
    json.dump(SCENARIO, open(fleet_file, "w"))
    json.dump(BURST, open(burst_file, "w"))

    if "1" in args.parts:
        fleet_part(args, iotctl, fleet_file, directory)
    if "2" in args.parts:
        publish_part(args, iotctl, burst_file, directory)
    if "3" in args.parts:
        ramp_part(iotctl, fleet_file, directory)


def fleet_part(args, iotctl, fleet_file, directory):
    path = "Nagle path: default broker, cloud without TCP_NODELAY" if args.nagle else "no-delay broker and cloud"
    print(f"1. {args.devices} ThingsBoard devices, telemetry every 10 s at QoS 1, 1% answering 1 RPC/s, "
          f"ramp {args.rate}/s, {args.seconds} s ({path})")
    for name in ("iotctl simulate", "paho fleet"):
        if name == "paho fleet" and args.skip_paho:
            continue
        broker, port = start_broker(nodelay=not args.nagle)
        cloud = Cloud(port, nodelay=not args.nagle)
        # One emulator process as the platform side of the whole fleet: does it keep up?
        log = os.path.join(directory, "emulator.jsonl")
        emulator = start_emulator(iotctl, ["--dialect", "thingsboard", "-h", "127.0.0.1", "-p", str(port)], log)
        try:
            cloud.start()
            if name == "iotctl simulate":
                wall, rss, cpu, summary, full = iotctl_fleet(iotctl, port, args.devices, args.seconds, args.rate,
                                                              fleet_file, directory)
                counts = summary["counts"]
                sent = counts["sent"] - counts["answers"]
                acked, answers, connects = counts["acknowledged"], counts["answers"], counts["connects"]
                extra = f"unacknowledged {counts['unacknowledged']}, error rate {summary['error_rate']}"
            else:
                wall, rss, cpu, report = paho_fleet(port, args.devices, args.seconds, args.rate, 1)
                sent, acked, answers, connects, full = (report["sent"], report["acked"], report["answers"],
                                                        report["connected"], report["full"])
                extra = ""
            time.sleep(1)
        finally:
            latencies = cloud.stop()
            emulator.terminate()
            emulator.wait()
            broker.terminate()
            broker.wait()
        recorded = sum(1 for line in open(log) if '"operation":"telemetry"' in line)
        ramp = f"{args.devices / full:7.0f} connects/s" if full else "ramp incomplete"
        print(f"  {name:<16} {connects} connected ({ramp}), {sent / args.seconds:6.0f} telemetry msg/s, "
              f"{acked} acked of {sent + answers} publishes, {answers / args.seconds:5.0f} answers/s, "
              f"RPC p50 {percentile(latencies, 50) * 1000:.1f} ms p99 {percentile(latencies, 99) * 1000:.1f} ms, "
              f"RSS {mib(rss)}, CPU {cpu / wall * 100 if cpu else float('nan'):.0f}% of one core; "
              f"the emulator recorded {recorded} of {sent} telemetry messages  {extra}")
    print()



def publish_part(args, iotctl, burst_file, directory):
    print(f"2. pure publish rate: {args.burst_devices} devices at full speed (QoS 1) vs pub -l -q 1 on one connection, "
          f"{args.rounds} alternating rounds")
    lines = 200_000
    payload = "".join(json.dumps({"ts": 1700000000000 + i, "values": {"temperature": 21.5, "humidity": 45.1}}) + "\n"
                      for i in range(lines)).encode()
    fleet_rates, pub_rates = [], []
    for _ in range(args.rounds):
        broker, port = start_broker(nodelay=True)
        try:
            counter = Counter(port, TOPIC, 1, 10_000_000, args.burst_seconds + 15)
            wall, rss, cpu, summary, _ = iotctl_fleet(iotctl, port, args.burst_devices, args.burst_seconds, 100_000,
                                                       burst_file, directory)
            delivered = counter.stop()
            # The rate reached: acknowledged messages per 500 ms interval once every device is connected,
            # without the ramp's first interval and the drain's last.
            records = [json.loads(line) for line in open(os.path.join(directory, "stats.jsonl"))]
            # The loop sends in batches, so single intervals hold whole batches: average over the span.
            windows = [r["counts"]["acknowledged"] for r in records[1:-2] if r["type"] == "stats"]
            fleet_rates.append(sum(windows) / (0.5 * len(windows)))
            counter = Counter(port, TOPIC, 1, lines, 60)
            start = time.perf_counter()
            subprocess.run([iotctl, "pub", "-h", "127.0.0.1", "-p", str(port), "-t", TOPIC, "-l", "-q", "1"], input=payload,
                           check=True)
            pub_seconds = time.perf_counter() - start
            pub_delivered = counter.stop()
            pub_rates.append(pub_delivered / pub_seconds)
        finally:
            broker.terminate()
            broker.wait()
        print(f"  simulate: {summary['counts']['acknowledged']} acked ({delivered} counted at mosquitto_sub), "
              f"{fleet_rates[-1]:.0f} msg/s, RSS {mib(rss)}, CPU {cpu / wall * 100 if cpu else float('nan'):.0f}%;  "
              f"pub -l -q 1: {pub_delivered}/{lines} in {pub_seconds:.2f} s, {pub_rates[-1]:.0f} msg/s")
    fleet_rate, pub_rate = statistics.median(fleet_rates), statistics.median(pub_rates)
    print(f"  medians: simulate {fleet_rate:.0f} msg/s, pub -l {pub_rate:.0f} msg/s, ratio {fleet_rate / pub_rate:.2f}"
          f"  (target >= 0.8)\n")



def ramp_part(iotctl, fleet_file, directory):
    print("3. connect ramp: 5,000 devices, time until all have their CONNACK")
    for rate in (2000, 4000, 8000):
        broker, port = start_broker(nodelay=True)
        try:
            _, _, _, summary, full = iotctl_fleet(iotctl, port, 5000, 8, rate, fleet_file, directory,
                                                 ["--connect-timeout", "3"])
        finally:
            broker.terminate()
            broker.wait()
        counts = summary["counts"]
        achieved = f"{5000 / full:.0f} connects/s" if full else "not all connected"
        print(f"  asked {rate}/s: {achieved}, {counts['connect_failures']} failed connects, "
              f"connect p99 {summary['latency']['connect']['p99_ms']} ms")


if __name__ == "__main__":
    main()
