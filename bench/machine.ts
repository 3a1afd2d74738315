// The machine a bench ran on, as the README names it.
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  openssl: string;
  /** 1-minute load average when the run started: how shared the box was. */
  load: number;
  description: string;
}

export function machine(): Machine {
  const cores = availableParallelism();
  const cpu = (cpus()[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  const memoryGiB = Math.round(totalmem() / 2 ** 30);
  const load = Math.round(loadavg()[0]! * 10) / 10;
  return {
    cores,
    cpu,
    memoryGiB,
    node: process.version,
    openssl: process.versions.openssl ?? '',
    load,
    description: `${cores} cores (${cpu}), ${memoryGiB} GiB, Node ${process.version.slice(1)}, OpenSSL ${process.versions.openssl}, load ${load}`,
  };
}
