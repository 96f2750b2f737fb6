#!/usr/bin/env python3
"""Device verbs against their raw equivalents, side by side on one local broker (issue 5).

Usage: bench/device_verbs.py [--iotctl PATH] [--records N] [--runs N] [--rounds N]

1. `iotctl telemetry send --dialect thingsboard --lines` (shaped, validated against the telemetry
   schema, QoS 1) against `iotctl pub -l -q 1` and `mosquitto_pub -l -q 1` on the same N records;
   delivered messages per second as counted by mosquitto_sub, median of --rounds runs with the tools
   alternating. Target: >= 0.8x the raw iotctl rate.
2. `iotctl op metadata.get` against `mosquitto_rr` on the same request, answered by `iotctl emulate
   --dialect kaa`; median wall time of a whole process, alternating. Twice: through a broker that
   Nagles (mosquitto's default) and through one with set_tcp_nodelay, so that neither path hides a
   delayed ACK on our side (the emulator's or the device's).
3. On both paths too, a one-shot `iotctl telemetry send` (QoS 1, acknowledged) against the
   `mosquitto_pub` line its --dry-run prints; median wall time of a whole process, alternating.
"""
import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from raw_verbs import (  # noqa: E402
    ROOT, Counter, alternating, parse_arguments, mib, ratio_line, run_rss, start_broker, start_emulator, tool)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    args, iotctl = parse_arguments(parser)
    broker, port = start_broker()
    host = ["-h", "127.0.0.1", "-p", str(port)]
    print(f"broker 127.0.0.1:{port}; iotctl {iotctl}; {args.records} records; {args.runs} runs; {args.rounds} rounds\n")
    try:
        records = "".join(json.dumps({"temperature": 20 + i % 10, "humidity": i % 100, "ok": True}) + "\n"
                          for i in range(args.records)).encode()
        topic = "v1/devices/me/telemetry"
        cases = [
            ("telemetry send --lines", [iotctl, "telemetry", "send", "--dialect", "thingsboard", "--var", "token=t",
                                        *host, "--lines"]),
            ("iotctl pub -l -q 1", [iotctl, "pub", *host, "-t", topic, "-l", "-q", "1"]),
            ("mosquitto_pub -l -q 1", [tool("mosquitto_pub"), *host, "-t", topic, "-l", "-q", "1"]),
        ]
        # One run of each swings by more than the target's margin on a two-CPU machine: alternate, take medians.
        runs = {name: [] for name, _ in cases}
        for _ in range(args.rounds):
            for name, argv in cases:
                counter = Counter(port, topic, 1, args.records, 60)
                seconds, rss, status = run_rss(argv, records)
                runs[name].append((seconds, rss, status, counter.stop()))
        rates = {}
        for name, results in runs.items():
            seconds = statistics.median(t for t, _, _, _ in results)
            rates[name] = statistics.median(d / t for t, _, _, d in results)
            delivered = "/".join(str(d) for d in sorted({d for _, _, _, d in results}))
            statuses = "/".join(str(s) for s in sorted({s for _, _, s, _ in results}))
            peaks = [r for _, r, _, _ in results]
            print(f"{name:<24} {seconds:6.3f} s  {delivered}/{args.records} delivered  exit {statuses}  "
                  f"{mib(None if None in peaks else max(peaks)):>9}  {rates[name]:10.0f} msg/s")
        ratio_line("telemetry send vs iotctl pub -l", rates["telemetry send --lines"], rates["iotctl pub -l -q 1"],
                   "msg/s", "target >= 0.8")
        print()

        for path in ("Nagle path (default broker)", "no-delay path (set_tcp_nodelay true)"):
            emulator = None
            path_broker, path_port = start_broker(nodelay=path.startswith("no-delay"))
            path_host = ["-h", "127.0.0.1", "-p", str(path_port)]
            try:
                emulator = start_emulator(iotctl, [*path_host, "--dialect", "kaa"],
                                          os.path.join(ROOT, ".build", "bench-emulator.jsonl"))
                base = "kp1/app1/epmx/tok1/get"
                ours, theirs = alternating(
                    args.runs,
                    lambda run: [iotctl, "op", "metadata.get", "--dialect", "kaa", "--var", "app=app1", "--var",
                                 "token=tok1", *path_host, "--request-id", str(run + 1)],
                    lambda run: [tool("mosquitto_rr"), *path_host, "-V", "mqttv311", "-t", f"{base}/{run + 1000}",
                                 "-e", f"{base}/{run + 1000}/status", "-m", "{}", "-W", "5"])
                print(f"{path}: op round trips answered: iotctl {len(ours)}/{args.runs}, "
                      f"mosquitto_rr {len(theirs)}/{args.runs}")
                ratio_line("op metadata.get vs mosquitto_rr, median", statistics.median(ours) * 1000,
                           statistics.median(theirs) * 1000, "ms", "target <= 1.0")
                # A one-shot telemetry send against the mosquitto_pub line its --dry-run prints.
                ours, theirs = alternating(
                    args.runs,
                    lambda run: [iotctl, "telemetry", "send", "--dialect", "thingsboard", "--var", "token=tok1",
                                 *path_host, f"t={run}"],
                    lambda run: [tool("mosquitto_pub"), *path_host, "-u", "tok1", "-t", topic, "-q", "1", "-m",
                                 json.dumps({"t": run}, separators=(",", ":"))])
                print(f"{path}: telemetry sends acknowledged: iotctl {len(ours)}/{args.runs}, "
                      f"mosquitto_pub {len(theirs)}/{args.runs}")
                ratio_line("telemetry send vs mosquitto_pub, median", statistics.median(ours) * 1000,
                           statistics.median(theirs) * 1000, "ms", "target <= 1.0")
            finally:
                if emulator:
                    emulator.terminate()
                path_broker.terminate()
    finally:
        broker.terminate()


if __name__ == "__main__":
    main()
