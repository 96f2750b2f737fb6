#!/usr/bin/env python3
"""Hostile inputs, each as a whole iotctl process: its exit status, seconds and peak RSS.

Usage: bench/hostile_inputs.py [--iotctl PATH]

Each input must end in a clear error or a documented limit, never a hang or an OOM kill: a 300 MB
line for `pub -l` and `telemetry send --lines`, a 15 MB profile with 100,000 operations, JSON nested a
million deep, a 60 MB instance, a regex built to backtrack, a `$ref` to /dev/zero, and 160 MiB of
retained messages offered to a `sub` whose reader does not read. Peak RSS comes from GNU time
(`apt-get install -y time`).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from raw_verbs import GNU_TIME, mib, parse_arguments, start_broker, tool  # noqa: E402


def measured(command, stdin_path=None, shell=False):
    """Runs command under GNU time with stdin from stdin_path; returns (status, seconds, peak KiB, stderr's last line)."""
    with tempfile.NamedTemporaryFile("r") as report:
        timed = [GNU_TIME, "-f", "%M", "-o", report.name] if GNU_TIME else []
        argv = timed + (["bash", "-c", command] if shell else command)
        start = time.perf_counter()
        with open(stdin_path or "/dev/null", "rb") as stdin:
            result = subprocess.run(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - start
        figures = report.read().split()
    rss = int(figures[-1]) if figures and figures[-1].isdigit() else None
    message = result.stderr.decode(errors="replace").strip().splitlines()
    return result.returncode, seconds, rss, message[-1] if message else ""


def write_repeated(path, chunk, count, tail=b"", head=b""):
    with open(path, "wb") as out:
        out.write(head)
        for _ in range(count):
            out.write(chunk)
        out.write(tail)


def main():
    args, iotctl = parse_arguments(argparse.ArgumentParser())
    directory = tempfile.mkdtemp(prefix="iotctl-hostile-")
    broker, port = start_broker()
    address = ["-h", "127.0.0.1", "-p", str(port)]
    cases = []
    try:
        line = os.path.join(directory, "line.txt")
        write_repeated(line, b"a" * (1 << 20), 300, b"\n")
        cases.append(("300 MB stdin line, pub -l", [iotctl, "pub", "-l", "-t", "a"] + address, line))
        cases.append(("300 MB stdin line, telemetry send --lines",
                      [iotctl, "telemetry", "send", "--dialect", "thingsboard", "--var", "token=t", "--lines"] + address, line))

        profile = os.path.join(directory, "profile.json")
        operations = {f"op{n}": {"summary": "s", "direction": "up", "pattern": "publish", "topic": f"x/{n}/{{id}}",
                                 "confidence": "confirmed"} for n in range(100_000)}
        with open(profile, "w") as out:
            json.dump({"profile": 1, "name": "big", "title": "t", "variables": {"id": {"description": "d"}},
                       "operations": operations}, out)
        size = os.path.getsize(profile) / 1e6
        cases.append((f"{size:.0f} MB profile, 100,000 operations (dialects lint)", [iotctl, "dialects", "lint", profile], None))

        deep = os.path.join(directory, "deep.json")
        write_repeated(deep, b"[" * 1000, 1000, b"]" * 1_000_000)
        cases.append(("JSON nested 1,000,000 deep (schema validate)", [iotctl, "schema", "validate", "--dialect", "kaa", "--op", "data", deep], None))

        wide = os.path.join(directory, "wide.json")
        write_repeated(wide, b'{"k": 1.5, "s": "abcdefgh"},' * 1000, 2000, b'{}]', head=b"[")
        schema_any = os.path.join(directory, "any.json")
        open(schema_any, "w").write('{"type": "array", "items": {"type": "object"}}')
        size = os.path.getsize(wide) / 1e6
        cases.append((f"{size:.0f} MB JSON array (schema validate)", [iotctl, "schema", "validate", "--schema", schema_any, wide], None))

        pattern = os.path.join(directory, "pattern.json")
        open(pattern, "w").write('{"pattern": "^(a+)+$"}')
        backtrack = os.path.join(directory, "backtrack.json")
        open(backtrack, "w").write('"' + "a" * 5000 + '!"')
        cases.append(('"^(a+)+$" against 5,000 a\'s and "!"', [iotctl, "schema", "validate", "--schema", pattern, backtrack], None))

        zero = os.path.join(directory, "zero.json")
        open(zero, "w").write('{"$ref": "file:///dev/zero"}')
        cases.append(("$ref to /dev/zero", [iotctl, "schema", "validate", "--schema", zero, backtrack], None))

        # 160 MiB retained, 100 KiB a topic; the reader (sleep) never reads, and its exit ends the pipe.
        payload = os.path.join(directory, "payload.bin")
        write_repeated(payload, b"r" * 1024, 100)
        with open(os.devnull, "w") as quiet:
            for n in range(1640):
                subprocess.run([tool("mosquitto_pub"), "-p", str(port), "-t", f"flood/{n}", "-r", "-f", payload], stderr=quiet, check=True)
        cases.append(("160 MiB retained to a reader that does not read (sub)",
                      f"set -o pipefail; {iotctl} sub -h 127.0.0.1 -p {port} -t 'flood/#' | sleep 8", "shell"))

        print(f"{'input':<58} {'exit':>4} {'seconds':>8} {'peak RSS':>12}  message")
        for name, command, stdin in cases:
            shell = stdin == "shell"
            status, seconds, rss, message = measured(command, None if shell else stdin, shell=shell)
            print(f"{name:<58} {status:>4} {seconds:8.2f} {mib(rss):>12}  {message[:110]}")
    finally:
        broker.terminate()
        broker.wait()
        subprocess.run(["rm", "-rf", directory])


if __name__ == "__main__":
    main()
