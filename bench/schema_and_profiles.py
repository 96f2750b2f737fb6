#!/usr/bin/env python3
"""Schema validation throughput and the start-up cost of dialect profiles (issue 3).

Usage: bench/schema_and_profiles.py [--iotctl PATH] [--instances N] [--runs N] [--validation-runs N]

1. Validation: N ThingsBoard telemetry payloads as JSON Lines through
   `iotctl schema validate --dialect thingsboard --op telemetry` (median of --validation-runs whole
   processes, on every processor and pinned to one), and the same instances through Python's jsonschema
   (the peer, if installed) with the same schema; instances per second and the ratio.
2. Profiles: `iotctl topics --dialect D --op OP` (loads a built-in profile and compiles an operation)
   against the same command stopped by an empty profile file, both without a network; the difference is
   what loading a profile costs. A one-shot `pub` never loads a profile; its time is shown for scale.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from raw_verbs import ROOT, parse_arguments  # noqa: E402


def timed(argv, stdin=None):
    start = time.perf_counter()
    result = subprocess.run(argv, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start, result.returncode, result.stderr.decode()


def telemetry(rng):
    sample = {"temperature": round(rng.uniform(-20, 40), 2), "humidity": rng.randint(0, 100), "status": "ok",
              "battery": round(rng.uniform(3.0, 4.2), 3), "door_open": rng.random() < 0.1}
    return {"ts": 1_700_000_000_000 + rng.randint(0, 10**9), "values": sample}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instances", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--validation-runs", type=int, default=7)
    args, iotctl = parse_arguments(parser)

    rng = random.Random(7)
    instances = [telemetry(rng) for _ in range(args.instances)]
    lines = "".join(json.dumps(item) + "\n" for item in instances).encode()

    print(f"validation: {args.instances} ThingsBoard telemetry payloads (JSON Lines), "
          f"median of {args.validation_runs} alternating runs")
    argv = [iotctl, "schema", "validate", "--dialect", "thingsboard", "--op", "telemetry", "--jsonl", "-q", "-"]
    # A large file is validated in chunks on every processor; pinned to one, the same command shows what
    # one thread does.
    one_cpu = ["taskset", "-c", "0"] if shutil.which("taskset") else None
    every, single = [], []
    for _ in range(args.validation_runs):
        seconds, status, stderr = timed(argv, lines)
        if status != 0:
            sys.exit(f"iotctl schema validate failed ({status}): {stderr}")
        every.append(seconds)
        if one_cpu:
            single.append(timed(one_cpu + argv, lines)[0])
    seconds = statistics.median(every)
    ours = args.instances / seconds
    print(f"  iotctl      {ours:12,.0f} instances/s  ({seconds:.3f} s, parse + validate + report, {os.cpu_count()} processors)")
    if single:
        one = statistics.median(single)
        print(f"  iotctl      {args.instances / one:12,.0f} instances/s  ({one:.3f} s, the same on one processor)")

    schema = json.loads(subprocess.run([iotctl, "dialects", "show", "thingsboard", "--output", "json"],
                                       capture_output=True, check=True).stdout)
    telemetry_schema = next(op for op in schema["operations"] if op["name"] == "telemetry")["schema"]
    try:
        import jsonschema
    except ImportError:
        print("  jsonschema  not installed (pip install jsonschema) - no peer ratio")
    else:
        validator = jsonschema.Draft7Validator(telemetry_schema)
        start = time.perf_counter()
        for line in lines.splitlines():
            if not validator.is_valid(json.loads(line)):
                sys.exit("jsonschema rejected a generated payload")
        peer_seconds = time.perf_counter() - start
        peer = args.instances / peer_seconds
        print(f"  jsonschema  {peer:12,.0f} instances/s  ({peer_seconds:.2f} s, Python {sys.version.split()[0]}, in-process)")
        print(f"  ratio iotctl:jsonschema {ours / peer:.2f}x")

    print(f"\nprofile loading: median of {args.runs} runs, no network")
    empty = os.path.join(ROOT, ".build", "bench-empty-profile.json")
    with open(empty, "w") as handle:
        handle.write("")
    # The same verb and argument parsing, failing at once on an empty profile file: everything but the load.
    baseline_argv = [iotctl, "topics", "--dialect-file", empty, "--op", "telemetry"]
    baseline = statistics.median(timed(baseline_argv)[0] for _ in range(args.runs))
    oneshot = statistics.median(timed([iotctl, "pub", "--dry-run", "-t", "t", "-m", "{}"])[0] for _ in range(args.runs))
    print(f"  {'pub --dry-run (never loads a profile)':<46} {oneshot * 1000:6.2f} ms")
    print(f"  {'topics, profile left out (baseline)':<46} {baseline * 1000:6.2f} ms")
    cases = [("thingsboard", "telemetry", ["--var", "token=t"]), ("kaa", "data", ["--var", "app=a", "--var", "token=t"]),
             ("edgeiq", "status", ["--var", "company=c", "--var", "device=d"]), ("xyte", "telemetry", ["--var", "id=i"]),
             ("mediumone", "event", ["--var", "project=p", "--var", "user=u"])]
    for dialect, op, variables in cases:
        argv = [iotctl, "topics", "--dialect", dialect, "--op", op] + variables
        seconds, status, stderr = timed(argv)
        if status != 0:
            sys.exit(f"{' '.join(argv)} failed: {stderr}")
        median = statistics.median(timed(argv)[0] for _ in range(args.runs))
        label = f"topics --dialect {dialect} --op {op}"
        print(f"  {label:<46} {median * 1000:6.2f} ms  (load + compile {1000 * (median - baseline):+.2f} ms)")


if __name__ == "__main__":
    main()
