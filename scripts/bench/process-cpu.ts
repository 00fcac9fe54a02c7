/**
 * CPU time (user + system) of this process and every process under it (Chromium's browser,
 * renderer, GPU and utility processes; the bench HQ servers run in this one), from
 * /proc. On a machine shared with other work, wall times stretch with the load while CPU
 * time barely does: the CPU ms a download costs against what raw bulkPut costs tells where
 * the work is. Linux only (null elsewhere).
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // CLK_TCK = 100 on Linux

function stat(pid: string): { ppid: number; ticks: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

export function processTreeCpuMs(root = process.pid): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const p of pids) {
    const s = stat(p);
    if (!s) continue;
    ticks.set(Number(p), s.ticks);
    const list = children.get(s.ppid) ?? [];
    list.push(Number(p));
    children.set(s.ppid, list);
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += ticks.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total * TICK_MS;
}
