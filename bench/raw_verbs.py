#!/usr/bin/env python3
"""Raw verbs against the mosquitto clients, side by side on one local broker.

Usage: bench/raw_verbs.py [--iotctl PATH] [--lines N] [--runs N] [--rounds N]

Prints each measurement for both tools and the ratio iotctl/mosquitto (time) or iotctl:mosquitto
(throughput). Targets: one-shot pub, rr and sub -C 1 median <= 1.0x (issue 17), pub -l QoS 0
throughput >= 1.0x (issue 2). First comes the process floor (see process_floor), and one-shot pub is
shown above it too. rr and sub run twice: against a paho responder and broker that Nagle
(the default for both) and against ones that do not (TCP_NODELAY, set_tcp_nodelay true), where a
round trip costs well under a millisecond and start-up is what is measured. Peak memory comes from GNU time (`apt-get install -y time`), see run_rss.
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_arguments(parser):
    """Adds --iotctl (default: the release build) to `parser`, parses, and returns (args, iotctl's absolute
    path); exits with the build command when that binary is missing."""
    parser.add_argument("--iotctl", default=os.path.join(ROOT, ".build/release/iotctl"))
    args = parser.parse_args()
    iotctl = os.path.abspath(args.iotctl)
    if not os.access(iotctl, os.X_OK):
        sys.exit(f"{iotctl} not built: scripts/build-release")
    return args, iotctl


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tool(name):
    for directory in os.environ.get("PATH", "").split(":") + ["/usr/sbin", "/sbin"]:
        path = os.path.join(directory, name)
        if os.access(path, os.X_OK):
            return path
    sys.exit(f"{name} not found: apt-get install -y mosquitto mosquitto-clients")


GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_timed(argv, stdin_bytes=None):
    """Runs argv with stdout/stderr discarded; returns (seconds, exit status)."""
    read_fd, write_fd = os.pipe() if stdin_bytes is not None else (None, None)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        if read_fd is not None:
            os.dup2(read_fd, 0)
            os.close(write_fd)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(argv[0], argv)
    if write_fd is not None:
        os.close(read_fd)
        view = memoryview(stdin_bytes)
        while view:
            written = os.write(write_fd, view[:65536])
            view = view[written:]
        os.close(write_fd)
    _, status = os.waitpid(pid, 0)
    return time.perf_counter() - start, os.waitstatus_to_exitcode(status)


def alternating(runs, ours, theirs):
    """Runs ours(i) and theirs(i) (each an argv) one after the other, `runs` times; returns the times of the
    runs of each that exited 0, as two lists."""
    times = ([], [])
    for run in range(runs):
        for side, argv in enumerate((ours(run), theirs(run))):
            t, status = run_timed(argv)
            if status == 0:
                times[side].append(t)
    return times


def run_rss(argv, stdin_bytes=None):
    """Runs argv under GNU time; returns (seconds, peak RSS in KiB or None without /usr/bin/time, exit status).

    wait4's ru_maxrss for a child of this script would be wrong: Linux keeps the maximum across exec, so it
    counts the forked Python process (about 10 MiB) and hides the tool's own figure. The seconds include
    time's own fork and exec, so runs of a few milliseconds are timed with run_timed instead."""
    if GNU_TIME is None:
        seconds, status = run_timed(argv, stdin_bytes)
        return seconds, None, status
    with tempfile.NamedTemporaryFile("r") as report:
        seconds, status = run_timed([GNU_TIME, "-f", "%M", "-o", report.name, *argv], stdin_bytes)
        lines = report.read().split()
    return seconds, int(lines[-1]) if lines and lines[-1].isdigit() else None, status


def mib(kib):
    return "n/a (apt-get install -y time)" if kib is None else f"{kib / 1024:.1f} MiB"


class Counter:
    """mosquitto_sub counting messages on a topic; it exits by itself (-C/-W) so stdout is flushed."""

    def __init__(self, port, topic, qos, expected, seconds):
        self.process = subprocess.Popen([tool("mosquitto_sub"), "-p", str(port), "-t", topic, "-q", str(qos),
                                         "-C", str(expected), "-W", str(seconds)],
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        time.sleep(0.3)

    def stop(self):
        out, _ = self.process.communicate()
        return out.count(b"\n")


def ratio_line(name, ours, theirs, unit, target):
    ratio = ours / theirs if theirs else float("inf")
    print(f"{name:<34} iotctl {ours:10.3f} {unit:<6} mosquitto {theirs:10.3f} {unit:<6} ratio {ratio:5.2f}  ({target})")


def start_broker(nodelay=False):
    """A mosquitto broker on a free loopback port with an unbounded queue; returns (process, port).

    With nodelay it sets TCP_NODELAY on its sockets (set_tcp_nodelay true); by default it Nagles, as
    mosquitto does unless told otherwise, which a client waiting on each packet must not suffer from.

    Its config lives in a temporary folder that is removed once the broker has read it."""
    port = free_port()
    folder = tempfile.mkdtemp()
    conf = os.path.join(folder, "mosquitto.conf")
    with open(conf, "w") as f:
        f.write(f"listener {port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n"
                + ("set_tcp_nodelay true\n" if nodelay else ""))
    broker = subprocess.Popen([tool("mosquitto"), "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    shutil.rmtree(folder, ignore_errors=True)
    return broker, port


def start_emulator(iotctl, arguments, log):
    """`iotctl emulate ARGUMENTS`, logging to the file `log` (a file, so that a full pipe never stalls it);
    returns the process once its {"event":"ready"} line is there, and exits if it ends before."""
    emulator = subprocess.Popen([iotctl, "emulate", *arguments], stdout=open(log, "w"), stderr=subprocess.DEVNULL)
    while '"ready"' not in open(log).read():
        if emulator.poll() is not None:
            sys.exit(f"iotctl emulate {' '.join(arguments)} exited {emulator.returncode} before it was ready")
        time.sleep(0.05)
    return emulator


def floor_programs(scratch):
    """Programs that load libmosquitto, libssl and libcrypto, print one line and exit: a C program linked
    as mosquitto_pub is, a static Swift program linked as the release iotctl is (Package.swift's
    releaseStartup, scripts/build-release), and the same with libdispatch and its start-up constructor,
    which ArgumentParser's async commands bring into iotctl. The C program is the floor mosquitto's clients
    stand on (their own --version also initialises libmosquitto and OpenSSL, as a verb of either tool
    does), the Swift ones the floor of any Swift tool of this kind. Returns {name: path}; the ones a
    missing compiler cannot build are left out."""
    programs = {}
    cc, swiftc = shutil.which("cc") or shutil.which("clang"), shutil.which("swiftc")
    if not cc:
        print("(no C compiler: the floor programs are left out)")
        return programs
    with open(os.path.join(scratch, "hello.c"), "w") as f:
        f.write('#include <stdio.h>\nint main(void) { puts("1.0"); return 0; }\n')
    programs["C"] = os.path.join(scratch, "hello-c")
    subprocess.run([cc, "-O2", os.path.join(scratch, "hello.c"), "-o", programs["C"], "-Wl,--no-as-needed", "-lmosquitto"],
                   check=True)
    if not swiftc:
        print("(no swiftc: the Swift floor programs are left out)")
        return programs
    with open(os.path.join(scratch, "hello.swift"), "w") as f:
        f.write('print("1.0")\n')
    # iotctl's own argv reader (see the file), so that the runtime's, which reads /proc/self/maps, stays out.
    arguments = os.path.join(scratch, "arguments.o")
    subprocess.run([cc, "-O2", "-c", os.path.join(ROOT, "Sources/CSystem/arguments.c"), "-o", arguments], check=True)
    link = ["-static-stdlib", "-Xclang-linker", "-no-pie", "-Xclang-linker", "-static-libgcc",
            "-L" + os.path.join(ROOT, "scripts/link"), "-Xlinker", "--no-export-dynamic", "-Xlinker", "--gc-sections",
            "-lssl", "-lcrypto", "-lmosquitto"]
    dispatch = ["-Xlinker", "-u", "-Xlinker", "libdispatch_init", "-ldispatch", "-lBlocksRuntime"]
    for name, extra in (("Swift", []), ("Swift with libdispatch", dispatch)):
        path = os.path.join(scratch, name.replace(" ", "-"))
        built = subprocess.run([swiftc, "-O", os.path.join(scratch, "hello.swift"), arguments, "-o", path, *link, *extra],
                               capture_output=True, text=True)
        if built.returncode == 0:
            programs[name] = path
        else:
            print(f"({name}: not built: {built.stderr.strip().splitlines()[-1:]})")
    return programs


def process_floor(iotctl, pub, runs):
    """The process floor: what it costs to load the libraries, print a line and exit, before any MQTT.
    Times `iotctl --version`, `mosquitto_pub --version` and floor_programs' programs in turn; prints their
    medians against the C program's; returns iotctl's and the C program's (mosquitto_pub's without a C
    compiler), in ms."""
    with tempfile.TemporaryDirectory() as scratch:
        programs = {"iotctl --version": [iotctl, "--version"], "mosquitto_pub --version": [pub, "--version"]}
        programs.update({f"{name} hello": [path] for name, path in floor_programs(scratch).items()})
        times = {name: [] for name in programs}
        for _ in range(runs):
            for name, argv in programs.items():
                # mosquitto's clients exit 1 after printing their version, so the statuses are not checked.
                times[name].append(run_timed(argv)[0])
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    base = "C hello" if "C hello" in medians else "mosquitto_pub --version"
    print(f"process floor: load the libraries, print a line, exit; medians, and the ratio to {base}")
    for name, median in medians.items():
        print(f"  {name:<32} {median:10.3f} ms  ratio {median / medians[base]:5.2f}")
    return medians["iotctl --version"], medians[base]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args, iotctl = parse_arguments(parser)

    broker, port = start_broker()
    host = ["-h", "127.0.0.1", "-p", str(port)]
    pub = tool("mosquitto_pub")
    rr = tool("mosquitto_rr")
    print(f"broker 127.0.0.1:{port}; iotctl {iotctl}; {args.lines} lines; {args.runs} runs; {args.rounds} rounds\n")
    try:
        floor = process_floor(iotctl, pub, args.runs)

        # One-shot publish: median wall time of a whole process, warm cache, the tools alternating.
        one_shot = {"iotctl": [iotctl, "pub", *host, "-t", "bench/one", "-m", "x"],
                    "mosquitto": [pub, *host, "-t", "bench/one", "-m", "x"]}
        for _ in range(5):
            for argv in one_shot.values():
                run_timed(argv)
        times = {name: [] for name in one_shot}
        for _ in range(args.runs):
            for name, argv in one_shot.items():
                times[name].append(run_timed(argv)[0])
        one_shot_ms = statistics.median(times["iotctl"]) * 1000, statistics.median(times["mosquitto"]) * 1000
        ratio_line("one-shot pub, median", *one_shot_ms, "ms", "target <= 1.0")
        ratio_line("one-shot pub above the floor", one_shot_ms[0] - floor[0], one_shot_ms[1] - floor[1], "ms",
                   "its own work")
        peaks = {name: [run_rss(argv)[1] for _ in range(10)] for name, argv in one_shot.items()}
        if None in peaks["iotctl"]:
            print(f"one-shot pub, peak RSS: {mib(None)}")
        else:
            ratio_line("one-shot pub, peak RSS", max(peaks["iotctl"]) / 1024, max(peaks["mosquitto"]) / 1024, "MiB",
                       "lower is better")

        lines = "".join(f"{i}\n" for i in range(1, args.lines + 1)).encode()
        # QoS 0 alternates the tools over --rounds runs and prints medians: one run of each swings by
        # 1.5x either way on a two-CPU machine. QoS 1 runs once: mosquitto_pub loses messages, and the
        # counter then waits out its 30 s limit.
        for qos, rounds in ((0, args.rounds), (1, 1)):
            runs = {"iotctl": [], "mosquitto": []}
            for _ in range(rounds):
                for name, argv in (("iotctl", [iotctl, "pub", *host, "-t", f"bench/l{qos}", "-l", "-q", str(qos)]),
                                   ("mosquitto", [pub, *host, "-t", f"bench/l{qos}", "-l", "-q", str(qos)])):
                    counter = Counter(port, f"bench/l{qos}", qos, args.lines, 30)
                    t, rss, status = run_rss(argv, lines)
                    runs[name].append((t, rss, status, counter.stop()))
            summary = {}
            for name, results in runs.items():
                seconds = statistics.median(t for t, _, _, _ in results)
                rate = statistics.median(d / t for t, _, _, d in results)
                delivered = sorted({d for _, _, _, d in results})
                statuses = sorted({s for _, _, s, _ in results})
                rss = None if None in [r for _, r, _, _ in results] else max(r for _, r, _, _ in results)
                summary[name] = (seconds, rate, delivered, statuses, rss)
            (t1, rate1, d1, s1, r1), (t2, rate2, d2, s2, r2) = summary["iotctl"], summary["mosquitto"]
            shown = lambda values: "/".join(str(v) for v in values)
            print(f"pub -l QoS {qos}, {rounds} run(s) each, median: iotctl {t1:.3f} s, {shown(d1)}/{args.lines} delivered, "
                  f"exit {shown(s1)}, {mib(r1)}; mosquitto_pub {t2:.3f} s, {shown(d2)}/{args.lines} delivered, "
                  f"exit {shown(s2)}, {mib(r2)}")
            ratio_line(f"pub -l QoS {qos} delivered msg/s", rate1, rate2, "msg/s",
                       "target >= 1.0" if qos == 0 else "informational")

        for path, nodelay in (("Nagle path", False), ("no-delay path", True)):
            rr_broker, rr_port = (broker, port) if not nodelay else start_broker(nodelay=True)
            rr_host = ["-h", "127.0.0.1", "-p", str(rr_port)]
            responder = subprocess.Popen([sys.executable, os.path.join(ROOT, "Tests/IotctlTests/Peers/responder.py"),
                                          str(rr_port), "bench/req"] + (["--nodelay"] if nodelay else []),
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            responder.stdout.readline()
            request = ["-t", "bench/req", "-e", "bench/resp", "-m", "x", "-W", "5"]
            ours, theirs = alternating(args.runs, lambda _: [iotctl, "rr", *rr_host, *request],
                                       lambda _: [rr, *rr_host, *request])
            responder.terminate()
            ratio_line(f"rr whole process, {path}, median", statistics.median(ours) * 1000,
                       statistics.median(theirs) * 1000, "ms", "target <= 1.0")
            # sub -C 1 on a retained message: connect, subscribe, receive one message, print it, leave.
            subprocess.run([tool("mosquitto_pub"), *rr_host, "-t", "bench/retained", "-m", "x", "-r"], check=True)
            retained = ["-t", "bench/retained", "-C", "1", "-W", "5"]
            ours, theirs = alternating(args.runs, lambda _: [iotctl, "sub", *rr_host, *retained],
                                       lambda _: [tool("mosquitto_sub"), *rr_host, *retained])
            if nodelay:
                rr_broker.terminate()
            ratio_line(f"sub -C 1 whole process, {path}, median", statistics.median(ours) * 1000,
                       statistics.median(theirs) * 1000, "ms", "target <= 1.0")
    finally:
        broker.terminate()
        broker.wait()


if __name__ == "__main__":
    main()
