// CPU time spent by the processes a bench drives, from /proc (10 ms ticks): on a shared machine
// the rate of a run depends on the load, the CPU per record or login much less.
import fs from "node:fs";
import type pg from "pg";

/** utime + stime of one process, in ms (0 once it is gone). */
function ownMs(pid: number): number {
  try {
    // Fields after the command name: state is the 1st, utime the 12th, stime the 13th.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Minor page faults of one process so far (0 once it is gone). */
function ownFaults(pid: number): number {
  try {
    // Fields after the command name: minflt is the 8th.
    return Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[7]);
  } catch {
    return 0;
  }
}

/** The process's children (the tsx CLI runs the script in a child; `next start` may too). */
function childrenOf(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((t) => fs.readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/))
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** CPU of a process and all its descendants, in ms. */
export function treeCpuMs(pid: number): number {
  return ownMs(pid) + childrenOf(pid).reduce((sum, child) => sum + treeCpuMs(child), 0);
}

/**
 * Minor page faults of a process and its descendants: each is a page of memory the process touched
 * for the first time since the kernel gave it (fresh memory). On the virtual machines measured
 * here one costs about 10 µs of the process's CPU.
 */
export function treeFaults(pid: number): number {
  return ownFaults(pid) + childrenOf(pid).reduce((sum, child) => sum + treeFaults(child), 0);
}

/** CPU so far of each PostgreSQL backend connected to `database`, by pid, in ms. */
export async function backendsCpuMs(admin: pg.Client, database: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [
    database,
  ]);
  return new Map(rows.map((r) => [r.pid, ownMs(r.pid)]));
}

/** CPU of the backends between two backendsCpuMs() (backends that closed in between are not counted). */
export function backendsSpent(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0);
  return ms;
}
