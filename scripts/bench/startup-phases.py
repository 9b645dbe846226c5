#!/usr/bin/env python3
"""Startup timeline of the judge from `perf script -F comm,pid,time,event,trace`.

    startup-phases.py LOOP_PID < perf-script-output

Reads the events of a loop, the shell LOOP_PID, that alternates `judge run --
true` and a native `true` (profile.sh records it system-wide), keeps those of
that shell and its descendants, cuts them into runs at the shell's forks, and
prints, for the judge's runs and for the native ones, the median time between
each event and the next over the runs whose sequence of events is the most
common one.  Medians, because a shared machine adds the odd 10 ms stall.
"""
import collections
import re
import statistics
import sys

LINE = re.compile(r'\s*(\S+)\s+(\d+)\s+([\d.]+):\s+(\S+):(.*)')


def label(comm, event, rest):
    kind, name = event.split(':', 1)
    if kind.startswith('probe_'):
        name = name.replace('__return', '')
        name = name[:-4] + '() returns' if name.endswith('_ret') else name + '()'
    elif name.startswith('sys_enter_'):
        name = name[len('sys_enter_'):]
        m = re.search(r'request: 0x([0-9a-f]+)', rest)
        if name == 'ptrace' and m:
            req = int(m.group(1), 16)
            name = 'ptrace(%s)' % {0: 'TRACEME', 7: 'CONT', 12: 'GETREGS', 13: 'SETREGS',
                                   0x4200: 'SETOPTIONS', 0x4201: 'GETEVENTMSG',
                                   0x420e: 'GET_SYSCALL_INFO'}.get(req, hex(req))
        name += ' enters'
    elif name.startswith('sys_exit_'):
        name = name[len('sys_exit_'):] + ' returns'
    else:
        name = name.replace('sched_process_', 'process ')
    return '%s: %s' % (comm, name)


def main():
    events = []
    tree = {int(sys.argv[1])}
    for line in sys.stdin:
        m = LINE.match(line)
        if not m:
            continue
        comm, pid, ts, event, rest = m.groups()
        if int(pid) not in tree:
            continue
        child = re.search(r'child_pid=(\d+)', rest)
        if event == 'sched:sched_process_fork' and child:
            tree.add(int(child.group(1)))
        fork_by_loop = event == 'sched:sched_process_fork' and int(pid) == int(sys.argv[1])
        events.append((label(comm, event, rest), float(ts), comm, fork_by_loop))
    runs, cur = [], None
    for e in events:
        if e[3]:
            cur = []
            runs.append(cur)
        if cur is not None:
            cur.append(e)
    for kind, sel in (('judge', [r for r in runs if any(e[2] == 'judge' for e in r)]),
                      ('native', [r for r in runs if not any(e[2] == 'judge' for e in r)])):
        if not sel:
            continue
        seqs = collections.Counter(tuple(e[0] for e in r) for r in sel)
        seq, count = seqs.most_common(1)[0]
        same = [r for r in sel if tuple(e[0] for e in r) == seq]
        print('%s: %d of %d runs share the commonest sequence; median us between events'
              % (kind, count, len(sel)))
        parts = 0.0
        for i in range(len(seq) - 1):
            us = statistics.median((r[i + 1][1] - r[i][1]) * 1e6 for r in same)
            parts += us
            print('%9.1f  %s  ->  %s' % (us, seq[i], seq[i + 1]))
        total = statistics.median((r[-1][1] - r[0][1]) * 1e6 for r in same)
        # A stall lands in a different interval each run: the sum of the
        # medians leaves stalls out, the median of the totals keeps them.
        print('%9.1f  sum of the medians above, fork to reaped' % parts)
        print('%9.1f  median of the totals\n' % total)


main()
