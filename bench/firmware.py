#!/usr/bin/env python3
"""Firmware download: iotctl fw fetch against ThingsBoard's own Python SDK (issue 6).

Usage: bench/firmware.py [--iotctl PATH] [--chunk-size N] [--sizes MiB,MiB] [--window N]

For each image size, `iotctl emulate --dialect thingsboard --fw-file IMAGE` serves the firmware on one
local broker; `iotctl fw fetch` and tb-mqtt-client (from .venv, as scripts/setup installs it) download it
with the same chunk size. Prints wall time, peak memory (max RSS) and the ratios. Targets: at least 3x
faster at 4 KiB chunks; iotctl's peak memory under 32 MiB and flat from 16 to 128 MiB. The SDK is run
on the first size only (it holds the image in memory and requests one chunk at a time).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from raw_verbs import ROOT, mib as shown_mib, parse_arguments, run_rss, start_broker  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunk-size", type=int, default=4096)
    parser.add_argument("--window", type=int, default=16)
    parser.add_argument("--sizes", default="16,128")
    args, iotctl = parse_arguments(parser)
    python = os.path.join(ROOT, ".venv/bin/python")
    broker, port = start_broker()
    host = ["-h", "127.0.0.1", "-p", str(port)]
    workdir = tempfile.mkdtemp()
    results = []
    try:
        for index, mib in enumerate(int(size) for size in args.sizes.split(",")):
            image = os.path.join(workdir, f"fw-{mib}.bin")
            with open(image, "wb") as handle:
                handle.write(os.urandom(mib << 20))
            # The emulator logs a line per chunk: to a file, so that a full pipe never stalls it.
            log = open(os.path.join(workdir, f"emulator-{mib}.jsonl"), "w+")
            emulator = subprocess.Popen([iotctl, "emulate", *host, "--dialect", "thingsboard", "--fw-file", image,
                                         "--fw-version", f"{mib}.0"], stdout=log, stderr=subprocess.DEVNULL)
            while '"ready"' not in open(log.name).read():
                time.sleep(0.05)
            out = os.path.join(workdir, "out.bin")
            seconds, rss, status = run_rss([iotctl, "fw", "fetch", "--dialect", "thingsboard", "--var", "token=t", *host,
                                            "-o", out, "--chunk-size", str(args.chunk_size), "--window",
                                            str(args.window), "--no-report"])
            same = status == 0 and open(out, "rb").read() == open(image, "rb").read()
            print(f"{mib:4} MiB  iotctl fw fetch       {seconds:7.2f} s  {shown_mib(rss)} peak  exit {status}  "
                  f"{'identical' if same else 'DIFFERENT'}")
            results.append((mib, seconds, rss))
            if index == 0 and os.access(python, os.X_OK):
                sdk_out = os.path.join(workdir, "sdk.bin")
                seconds_sdk, rss_sdk, status_sdk = run_rss([
                    python, os.path.join(ROOT, "Tests/IotctlTests/Peers/tb_firmware.py"), "127.0.0.1", str(port),
                    "sdk-token", sdk_out, str(args.chunk_size), "900"])
                same = status_sdk == 0 and open(sdk_out, "rb").read() == open(image, "rb").read()
                print(f"{mib:4} MiB  tb-mqtt-client        {seconds_sdk:7.2f} s  {shown_mib(rss_sdk)} peak  "
                      f"exit {status_sdk}  {'identical' if same else 'DIFFERENT'}")
                print(f"          speed ratio tb-mqtt-client/iotctl {seconds_sdk / seconds:5.1f}x  (target >= 3)")
            emulator.terminate()
            emulator.wait()
        if len(results) > 1:
            low, high = results[0], results[-1]
            print(f"peak memory {low[0]} MiB image: {shown_mib(low[2])}; {high[0]} MiB image: {shown_mib(high[2])} "
                  f"(target < 32 MiB, flat)")
    finally:
        broker.terminate()


if __name__ == "__main__":
    main()
