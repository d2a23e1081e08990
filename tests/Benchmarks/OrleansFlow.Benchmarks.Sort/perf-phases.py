#!/usr/bin/env python3
"""CPU seconds per phase of a sort job, from the perf recordings fabric-sort.sh makes with SORT_PERF=1.

usage: perf-phases.py LABEL=perf-RUN-0.data,perf-RUN-1.data [LABEL=...]
Prints one Markdown table, a column per label, each column the sum over its files (both silos). Every sample is put
in the first phase whose rule matches its stack (leaf first); at perf's -F 999 a sample is about 1 ms of CPU.
libcoreclr has no symbols here: GC, type loading and stubs land in "runtime, Orleans, libc". JIT frames resolve
through the silos' /tmp/perf-PID.map files: read the recordings before deleting those.
"""
import collections
import re
import subprocess
import sys


def any_frame(stack, *names):
    return any(n in frame for frame in stack for n in names)


RULES = [
    ('sort: gather of records into output pieces', lambda s: 'Gather' in s[0]),
    ('sort: key extraction into entries', lambda s: 'SortEntries>b__0' in s[0]),
    ('sort: top-byte scatter of entries', lambda s: 'SortEntries>b__1' in s[0]),
    ('sort: bucket radix pass + comparison sort',
     lambda s: any(n in s[0] for n in ('SortBucket', 'GenericArraySortHelper', 'OrderEqualKeys', 'WholeRecordComparer', 'SequenceCompareTo'))),
    ('page faults, first touch of fresh memory',
     lambda s: any_frame(s, 'exc_page_fault', 'clear_page_erms') and not any_frame(s, '_copy_to_iter')),
    ('map: partition of each record (PartitionOf, counts)',
     lambda s: any(n in s[0] for n in ('Partition>b__0', 'PartitionOf', 'CountSlice', '<Count>b__0'))),
    ('map: scatter copy of records to their range', lambda s: 'Partition>b__1' in s[0] or 'CountedRecords::Scatter' in s[0]),
    ('output write (O_DIRECT, kernel side)', lambda s: any_frame(s, 'DirectOutputFile')),
    ('reduce: copy of the other silo\'s blocks over /dev/shm', lambda s: any_frame(s, 'SharedMemoryTransport::ReadAsync')),
    ('map: copy of partitioned records into the tier', lambda s: any_frame(s, 'LocalTier::WriteAsync', 'MemoryBlockStore::WriteAsync')),
    ('map: input file read (kernel copy from the page cache)',
     lambda s: any_frame(s, 'ReadSplitAsync', 'RandomAccess', 'SortSampleKernel') or s[0] in ('_copy_to_iter', 'filemap_read', 'filemap_get_read_batch')),
    ('buffered file writes (spilled blocks)', lambda s: s[0] == 'copy_folio_from_iter_atomic'),
    ('thread-pool workers spinning / yielding',
     lambda s: any(f in ('finish_task_switch.isra.0', 'do_sched_yield', '__sched_yield', 'schedule') or 'SpinWait' in f or 'LowLevel' in f for f in s[:4])),
    ('JIT on the calling thread', lambda s: any('libclrjit' in f for f in s[:2])),
]
JIT_THREAD = 'JIT, tier-1 background compiler thread'
OTHER = 'runtime, Orleans, libc (each < 1 %)'


def stacks(path):
    text = subprocess.run(['perf', 'script', '-i', path], capture_output=True, text=True, check=True).stdout
    for block in text.split('\n\n'):
        lines = [line.strip() for line in block.strip().split('\n') if line.strip()]
        if len(lines) < 2:
            continue
        frames = []
        for line in lines[1:]:
            m = re.match(r'^[0-9a-f]+\s+(.*?)(\+0x[0-9a-f]+)?\s+\((.*)\)$', line)
            if not m:
                frames.append(line)
            elif m.group(1) == '[unknown]':
                frames.append('[unknown] ' + m.group(3).split('/')[-1])
            else:
                frames.append(m.group(1))
        yield lines[0], frames


def phase(header, frames):
    if 'Tiered Com' in header:
        return JIT_THREAD
    for name, rule in RULES:
        if rule(frames):
            return name
    return OTHER


def main(args):
    if not args:
        sys.exit(__doc__)
    columns = []
    for arg in args:
        label, files = arg.split('=', 1)
        counts = collections.Counter(phase(h, f) for path in files.split(',') for h, f in stacks(path))
        columns.append((label, counts))
    names = sorted({n for _, c in columns for n in c}, key=lambda n: -max(c[n] for _, c in columns))
    print('| phase (CPU-s, ≈ samples / 1000) | ' + ' | '.join(label for label, _ in columns) + ' |')
    print('|---|' + '---:|' * len(columns))
    for name in names:
        print(f'| {name} | ' + ' | '.join(f'{c[name] / 1000:.2f}' for _, c in columns) + ' |')
    print('| **total** | ' + ' | '.join(f'**{sum(c.values()) / 1000:.2f}**' for _, c in columns) + ' |')


if __name__ == '__main__':
    main(sys.argv[1:])
