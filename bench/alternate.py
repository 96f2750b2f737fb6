#!/usr/bin/env python3
"""Runs command lines in turn, round after round, and prints each one's median wall time.

Usage: bench/alternate.py [--rounds N] 'COMMAND' 'COMMAND' ...

For A/B comparisons that the other benches do not make: two builds of iotctl against each other and a
mosquitto client, say. Each command line is split as a shell would (no pipes or redirections) and may
start with NAME=VALUE settings. Output is discarded. Alternating puts every command through the same
machine noise, which on a shared machine moves absolute times by tens of percent between minutes:
compare the lines of one run, not lines of different runs. A command that fails in the first round is
reported, since its timing would measure an error path.

Example (a broker with set_tcp_nodelay true on port 18831):
  bench/alternate.py --rounds 200 \\
    'old/iotctl pub -h 127.0.0.1 -p 18831 -t a/b -m hi' \\
    '.build/release/iotctl pub -h 127.0.0.1 -p 18831 -t a/b -m hi' \\
    'mosquitto_pub -h 127.0.0.1 -p 18831 -t a/b -m hi'
"""
import argparse
import os
import re
import resource
import shlex
import statistics
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("commands", nargs="+")
    args = parser.parse_args()
    if args.rounds < 1:
        sys.exit("alternate.py: --rounds must be at least 1")
    lines = []
    for text in args.commands:
        words = shlex.split(text)
        settings = {}
        while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
            name, value = words.pop(0).split("=", 1)
            settings[name] = value
        if not words:
            sys.exit(f"alternate.py: nothing to run in '{text}'")
        lines.append((text, words, dict(os.environ, **settings)))
    walls = [[] for _ in lines]
    cpus = [[] for _ in lines]
    devnull = os.open(os.devnull, os.O_RDWR)
    quiet = [(os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    for round_number in range(args.rounds):
        for index, (text, words, environment) in enumerate(lines):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            try:
                pid = os.posix_spawnp(words[0], words, environment, file_actions=quiet)
            except OSError as error:
                sys.exit(f"alternate.py: cannot run '{text}': {error.strerror}")
            _, status = os.waitpid(pid, 0)
            walls[index].append((time.perf_counter() - start) * 1000)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[index].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
            if round_number == 0 and status != 0:
                print(f"note: '{text}' exited with status {os.waitstatus_to_exitcode(status)}", file=sys.stderr)
    print(f"median of {args.rounds} alternating rounds: wall ms, first quartile, CPU ms")
    for index, (text, _, _) in enumerate(lines):
        wall = sorted(walls[index])
        print(f"{statistics.median(wall):8.3f} ms  q1 {wall[len(wall) // 4]:8.3f}  cpu {statistics.median(cpus[index]):7.3f}  {text}")


if __name__ == "__main__":
    main()
