"""Runs a command on a terminal of its own (a new pty, its controlling terminal), as a user would.

Usage: on_terminal.py ANSWER PROGRAM [ARG...]
Types ANSWER and a newline when the program first prints "Password". Prints everything the program
wrote to the terminal and exits with its status; kills it after 10 seconds.
"""
import os
import pty
import select
import sys
import time

answer, argv = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(argv[0], argv)
output, answered, deadline = b"", False, time.time() + 10
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if not ready:
        continue
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    output += data
    if not answered and b"Password" in output:
        os.write(fd, answer.encode() + b"\n")
        answered = True
else:
    os.kill(pid, 9)
_, status = os.waitpid(pid, 0)
sys.stdout.write(output.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
