#!/usr/bin/env python3
"""The JVM's CPU by kind of thread, for bench/wrk/cpu-per-update.sh (docs/PERFORMANCE.md).

  jvm-cpu.py snapshot PID FILE        the ticks (utime + stime) of the process and of each of its threads now
  jvm-cpu.py delta FILE0 FILE1 UPDATES   the ticks between two snapshots by kind of thread, as µs per update

A thread's kind is its name as the kernel keeps it (/proc/PID/task/TID/comm: Java's thread name cut to 15
characters) with its digits replaced by N: "ForkJoinPool-N-" are the carriers of the virtual threads (Tomcat's
requests), "CN CompilerThre" the JIT (C1 and C2), "GC Thread#N" and "G1 ..." the collector. This is all of the JVM's CPU, where a
JFR profile shows only the Java code it samples. A thread that ended between the snapshots is "ended threads".
"""
import json
import os
import re
import sys


def ticks(path):
    with open(path) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])         # utime, stime (fields 14 and 15)


def snapshot(pid, out):
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = re.sub(r"\d+", "N", f.read().strip())
            threads[tid] = [name, ticks(f"/proc/{pid}/task/{tid}/stat")]
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    json.dump({"process": ticks(f"/proc/{pid}/stat"), "threads": threads}, open(out, "w"))


def delta(first, second, updates):
    a, b = json.load(open(first)), json.load(open(second))
    spent = {}
    for tid, (name, t) in b["threads"].items():
        spent[name] = spent.get(name, 0) + t - a["threads"].get(tid, [name, 0])[1]
    spent["ended threads"] = (b["process"] - a["process"]) - sum(spent.values())
    hz = os.sysconf("SC_CLK_TCK")
    total = b["process"] - a["process"]
    for name, t in sorted(spent.items(), key=lambda e: -e[1]):
        if t > 0 and t / hz * 1e6 / updates >= 0.5:
            print("  %-58s %5.0f µs per update (%2.0f %%)" % (name, t / hz * 1e6 / updates, 100 * t / total if total else 0))
    # The JIT still compiles in a counted run after a minute of warm-up, by 3 to 36 µs per update from one run to the
    # next (docs/PERFORMANCE.md, session 47): the rest is what the load itself costs.
    jit = sum(t for name, t in spent.items() if name.startswith("CN Compiler"))
    print("  %-58s %5.0f µs per update" % ("all but the JIT's compiler threads", (total - jit) / hz * 1e6 / updates))


if __name__ == "__main__":
    if sys.argv[1] == "snapshot":
        snapshot(sys.argv[2], sys.argv[3])
    else:
        delta(sys.argv[2], sys.argv[3], int(sys.argv[4]))
