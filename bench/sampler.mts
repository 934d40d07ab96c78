/** CPU and memory of processes and of the machine, from /proc, once a second. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const PAGE = 4096;

interface ProcSample {
  ticks: number;
  rssBytes: number;
}

function procSample(pid: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces: state is field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ticks: Number(fields[11]) + Number(fields[12]), rssBytes: Number(fields[21]) * PAGE };
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; total: number } {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const v = cpu.split(/\s+/).slice(1).map(Number);
  const idle = v[3] + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

interface Snapshot {
  at: number;
  procs: Map<number, ProcSample | undefined>;
  machine: { busy: number; total: number };
}

export interface Usage {
  /** Share of one core, 100 = one core busy the whole time. */
  cpuPercent: number;
  rssPeakBytes: number;
  rssEndBytes: number;
}

export interface WindowUsage {
  seconds: number;
  /** Per watched group (e.g. backend, bench). */
  groups: Record<string, Usage>;
  /** Whole machine: busy share of all cores, 100 = every core busy. */
  machineBusyPercent: number;
  loadAverage1m: number;
}

export function machineInfo() {
  const list = cpus();
  return { cores: list.length, model: list[0]?.model ?? 'unknown', loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) };
}

/** Watches groups of pids; `window()` gives their use between `mark()` and now. */
export class Sampler {
  private snapshots: Snapshot[] = [];
  private markAt = 0;
  private timer?: NodeJS.Timeout;
  private readonly groups: Record<string, () => number[]>;

  constructor(groups: Record<string, () => number[]>) {
    this.groups = groups;
  }

  start(): void {
    this.take();
    this.timer = setInterval(() => this.take(), 1000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Starts the measured window. */
  mark(): void {
    this.take();
    this.markAt = this.snapshots.length - 1;
  }

  private take(): void {
    const procs = new Map<number, ProcSample | undefined>();
    for (const pids of Object.values(this.groups)) for (const pid of pids()) procs.set(pid, procSample(pid));
    this.snapshots.push({ at: performance.now(), procs, machine: machineTicks() });
  }

  window(): WindowUsage {
    this.take();
    const first = this.snapshots[this.markAt];
    const last = this.snapshots[this.snapshots.length - 1];
    const seconds = (last.at - first.at) / 1000;
    const within = this.snapshots.slice(this.markAt);
    const groups: Record<string, Usage> = {};
    for (const [name, pids] of Object.entries(this.groups)) {
      // Per pid, from the first to the last sample of the window that saw it (processes may come and go).
      let ticks = 0;
      const seen = new Set(within.flatMap((s) => [...s.procs.keys()]));
      for (const pid of pids()) {
        if (!seen.has(pid)) continue;
        const a = within.find((s) => s.procs.get(pid))?.procs.get(pid);
        const b = within.findLast((s) => s.procs.get(pid))?.procs.get(pid);
        if (a && b) ticks += b.ticks - a.ticks;
      }
      const rss = (s: Snapshot) => pids().reduce((n, pid) => n + (s.procs.get(pid)?.rssBytes ?? 0), 0);
      groups[name] = {
        cpuPercent: Math.round((ticks / TICKS_PER_SECOND / seconds) * 1000) / 10,
        rssPeakBytes: Math.max(...within.map(rss)),
        rssEndBytes: rss(last),
      };
    }
    const busy = last.machine.busy - first.machine.busy;
    const total = last.machine.total - first.machine.total;
    return { seconds: Math.round(seconds * 10) / 10, groups, machineBusyPercent: Math.round((busy / total) * 1000) / 10, loadAverage1m: Math.round(loadavg()[0] * 100) / 100 };
  }

  /** Current RSS of one pid. */
  static rss(pid: number): number {
    return procSample(pid)?.rssBytes ?? 0;
  }
}
