import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time read from /proc, for the bench's per-turn CPU columns. Linux counts in clock ticks of
 * 10 ms, so a column is only as good as the number of turns it is divided by.
 */

/** CPU time (user + system) a process has used so far, in ms. */
export const cpuMs = (pid: number | undefined) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

/** Pids on this machine whose command name (`comm`) is `name`. */
const pidsNamed = (name: string) =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/stat`, 'utf8').includes(`(${name})`);
      } catch {
        return false; // gone meanwhile
      }
    });

const cpuMsOrZero = (pid: string) => {
  try {
    return cpuMs(Number(pid));
  } catch {
    return 0; // gone meanwhile
  }
};

/**
 * A meter of the PostgreSQL processes that serve `databases` — their backends, whose command line
 * names the database — and of the server's own background processes (WAL writer, checkpointer…):
 * each call returns their CPU time so far, in ms. Backends of other databases (tests running beside
 * the bench) are left out. A backend that exits (the pool closes idle connections) keeps the time it
 * was last seen with, so the total never goes back.
 */
export function postgresCpuMeterOf(databases: string[]): () => number {
  const lastSeen = new Map<string, number>();
  return () => {
    for (const pid of pidsNamed('postgres')) {
      let command: string;
      try {
        command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      const clientBackend = /\d\(\d+\)|\[local\]/.test(command);
      if (clientBackend && !databases.some((name) => command.includes(` ${name} `))) continue;
      // a pid reused by a new process starts over: never count less than what was seen
      const now = cpuMsOrZero(pid);
      lastSeen.set(pid, Math.max(now, lastSeen.get(pid) ?? 0));
    }
    return [...lastSeen.values()].reduce((sum, ms) => sum + ms, 0);
  };
}
