/**
 * Peak RSS while the (synchronous) matcher runs: a worker thread samples the process RSS every
 * few milliseconds into shared memory, since timers on the main thread cannot fire mid-run.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export class RssSampler {
  private readonly shared = new Float64Array(new SharedArrayBuffer(16));
  private worker: Worker | null = null;

  start(intervalMs = 5): void {
    this.shared[0] = process.memoryUsage.rss();
    this.shared[1] = 0;
    this.worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const a = new Float64Array(workerData.buffer);
       const tick = () => { const r = process.memoryUsage.rss(); if (r > a[0]) a[0] = r; if (a[1] === 0) setTimeout(tick, ${intervalMs}); };
       tick();`,
      { eval: true, workerData: { buffer: this.shared.buffer } },
    );
  }

  /** Stops sampling and returns the peak RSS in bytes. */
  async stop(): Promise<number> {
    this.shared[1] = 1;
    const rss = process.memoryUsage.rss();
    if (rss > this.shared[0]) this.shared[0] = rss;
    await this.worker?.terminate();
    return this.shared[0];
  }
}

export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Resident set size of another process (Linux /proc), in bytes; null once it has exited. */
export function rssOfProcess(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
