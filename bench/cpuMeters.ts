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

/** CPU time of every PostgreSQL process on this machine (its backends serve our pool), in ms. */
export const postgresCpuMs = () => pidsNamed('postgres').reduce((sum, pid) => sum + cpuMsOrZero(pid), 0);

/**
 * CPU time of the PostgreSQL processes that serve `databases` — their backends, whose command line
 * names the database — and of the server's own background processes (WAL writer, checkpointer…),
 * in ms. Backends of other databases (tests running beside the bench) are left out.
 */
export const postgresCpuMsOf = (databases: string[]) =>
  pidsNamed('postgres')
    .filter((pid) => {
      let command: string;
      try {
        command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        return false;
      }
      const clientBackend = /\d\(\d+\)|\[local\]/.test(command);
      return !clientBackend || databases.some((name) => command.includes(` ${name} `));
    })
    .reduce((sum, pid) => sum + cpuMsOrZero(pid), 0);
