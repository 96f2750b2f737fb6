#!/usr/bin/env python3
"""Firmware download: iotctl fw fetch against ThingsBoard's own Python SDK (issue 6).

Usage: bench/firmware.py [--iotctl PATH] [--chunk-size N] [--sizes MiB,MiB] [--window N] [--path-mib N] [--rounds N]

For each image size, `iotctl emulate --dialect thingsboard --fw-file IMAGE` serves the firmware on one
local broker; `iotctl fw fetch` and tb-mqtt-client (from .venv, as scripts/setup installs it) download it
with the same chunk size. Prints wall time, peak memory (max RSS) and the ratios. Targets: at least 3x
faster at 4 KiB chunks; iotctl's peak memory under 32 MiB and flat from 16 to 128 MiB. The SDK is run
on the first size only (it holds the image in memory and requests one chunk at a time).

Then, on two paths (issue 17): a Nagle path (mosquitto as configured by default, and a paho cloud,
Tests/IotctlTests/Peers/fw_cloud.py, whose socket Nagles) and a no-delay path (set_tcp_nodelay true, and the cloud
with TCP_NODELAY), `fw fetch` of a --path-mib image at 4 KiB chunks with the window pinned at 1, 8 and 32
and adaptive (the default); medians of --rounds alternating runs. Target: adaptive within 1.5x of the
best fixed window on both paths. And ThingsBoard's SDK against `iotctl emulate` on both brokers, the
paths alternating over --rounds: the emulator must not be slower on the Nagle path.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from raw_verbs import ROOT, mib as shown_mib, parse_arguments, run_rss, start_broker, start_emulator  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunk-size", type=int, default=4096)
    parser.add_argument("--window", type=int, default=16)
    parser.add_argument("--sizes", default="16,128")
    parser.add_argument("--path-mib", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
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
            emulator = start_emulator(iotctl, [*host, "--dialect", "thingsboard", "--fw-file", image, "--fw-version", f"{mib}.0"],
                                      os.path.join(workdir, f"emulator-{mib}.jsonl"))
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
    paths(iotctl, args, python, workdir)


def paths(iotctl, args, python, workdir):
    """The window on a Nagle path and a no-delay path, and the SDK against the emulator on both."""
    image = os.path.join(workdir, "fw-path.bin")
    with open(image, "wb") as handle:
        handle.write(os.urandom(args.path_mib << 20))
    windows = ["1", "8", "32", "adaptive"]
    print(f"\nfw fetch of {args.path_mib} MiB at 4 KiB chunks, medians of {args.rounds} alternating rounds")
    for name, nodelay in (("Nagle path", False), ("no-delay path", True)):
        broker, port = start_broker(nodelay=nodelay)
        cloud = subprocess.Popen([sys.executable, os.path.join(ROOT, "Tests/IotctlTests/Peers/fw_cloud.py"), str(port), image]
                                 + (["--nodelay"] if nodelay else []), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            cloud.stdout.readline()
            times = {window: [] for window in windows}
            for _ in range(args.rounds):
                for window in windows:
                    out = os.path.join(workdir, "out-path.bin")
                    started = time.perf_counter()
                    status = subprocess.run(
                        [iotctl, "fw", "fetch", "--dialect", "thingsboard", "--var", "token=t", "-h", "127.0.0.1", "-p",
                         str(port), "-o", out, "--chunk-size", "4096", "--no-report"]
                        + ([] if window == "adaptive" else ["--window", window]),
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
                    times[window].append(time.perf_counter() - started if status == 0 else float("inf"))
            medians = {window: sorted(values)[len(values) // 2] for window, values in times.items()}
            best = min(medians[w] for w in windows if w != "adaptive")
            shown = "  ".join(f"window {w}: {medians[w]:6.3f} s" for w in windows)
            print(f"{name:<14} {shown}  adaptive/best fixed {medians['adaptive'] / best:4.2f}  (target <= 1.5)")
        finally:
            cloud.terminate()
            broker.terminate()
    if not os.access(python, os.X_OK):
        return
    # The SDK's own pace varies from run to run: alternate the paths over the rounds and take medians.
    sdk_times = {"Nagle path": [], "no-delay path": []}
    for _ in range(args.rounds):
        for name, nodelay in (("Nagle path", False), ("no-delay path", True)):
            broker, port = start_broker(nodelay=nodelay)
            emulator = start_emulator(iotctl, ["-h", "127.0.0.1", "-p", str(port), "--dialect", "thingsboard", "--fw-file",
                                               image], os.path.join(workdir, "emulator-path.jsonl"))
            try:
                started = time.perf_counter()
                subprocess.run([python, os.path.join(ROOT, "Tests/IotctlTests/Peers/tb_firmware.py"), "127.0.0.1",
                                str(port), "sdk-token", os.path.join(workdir, "sdk-path.bin"), "4096", "900"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                sdk_times[name].append(time.perf_counter() - started)
            finally:
                emulator.terminate()
                broker.terminate()
    nagle, nodelay = statistics.median(sdk_times["Nagle path"]), statistics.median(sdk_times["no-delay path"])
    print(f"tb-mqtt-client against iotctl emulate, medians of {args.rounds}: Nagle path {nagle:6.2f} s, no-delay path "
          f"{nodelay:6.2f} s, ratio {nagle / nodelay:4.2f} (target ~1.0)")

if __name__ == "__main__":
    main()
