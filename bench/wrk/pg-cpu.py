#!/usr/bin/env python3
"""PostgreSQL's CPU by kind of process, for bench/wrk/cpu-per-update.sh (docs/PERFORMANCE.md).

  pg-cpu.py snapshot POSTMASTER_PID FILE      the ticks (utime + stime) of the postmaster and of each child now
  pg-cpu.py ticks FILE0 FILE1                 all of PostgreSQL's ticks between two snapshots
  pg-cpu.py delta FILE0 FILE1 UPDATES         the same by kind, as µs per update

A process's kind is read from its title (postgres sets "postgres: walwriter", "postgres: autovacuum worker saola",
"postgres: saola saola 127.0.0.1(…)" for a connection). A process that ended between the snapshots (an
autovacuum worker, a closed connection) is counted by the postmaster as its children's time once reaped: that
time, less what the process had already spent at the first snapshot, is "ended processes".
"""
import json
import os
import sys


def ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is the state (field 3); utime, stime, cutime, cstime are fields 14 to 17
    return int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def kind(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        title = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    for name in ("autovacuum worker", "autovacuum launcher", "walwriter", "checkpointer", "background writer",
                 "logical replication launcher", "walsender"):
        if name in title:
            return name
    return "connections (statements, commits)" if title.startswith("postgres: ") else "other"


def snapshot(postmaster, out):
    own, children = ticks(postmaster)
    processes = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
            if parent == int(postmaster):
                processes[pid] = [kind(pid), ticks(pid)[0]]
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue                                  # ended meanwhile: the next snapshot finds its time reaped
    json.dump({"postmaster": own, "reaped": children, "processes": processes}, open(out, "w"))


def by_kind(first, second):
    a, b = json.load(open(first)), json.load(open(second))
    spent = {"postmaster": b["postmaster"] - a["postmaster"]}
    for pid, (k, t) in b["processes"].items():
        spent[k] = spent.get(k, 0) + t - a["processes"].get(pid, [k, 0])[1]
    gone = sum(t for pid, (k, t) in a["processes"].items() if pid not in b["processes"])
    spent["ended processes (autovacuum workers, closed connections)"] = b["reaped"] - a["reaped"] - gone
    return spent


def delta(first, second, updates):
    ticks_by_kind = by_kind(first, second)
    hz = os.sysconf("SC_CLK_TCK")
    total = sum(ticks_by_kind.values())
    for k, t in sorted(ticks_by_kind.items(), key=lambda e: -e[1]):
        if t:
            print("  %-58s %5.0f µs per update (%2.0f %%)" % (k, t / hz * 1e6 / updates, 100 * t / total if total else 0))


if __name__ == "__main__":
    if sys.argv[1] == "snapshot":
        snapshot(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "ticks":
        print(sum(by_kind(sys.argv[2], sys.argv[3]).values()))
    else:
        delta(sys.argv[2], sys.argv[3], int(sys.argv[4]))
