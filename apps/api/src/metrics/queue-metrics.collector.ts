import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@km/config';
import { OutboxDelivery } from '@km/outbox';
import { QueueName, QueueRegistry } from '@km/queue';

const STATES = ['waiting', 'delayed', 'active', 'failed', 'completed'] as const;

/**
 * Queue depth and matching-run figures, read when Prometheus scrapes (the worker runs in another
 * process, so the API reads its traces from Redis and PostgreSQL rather than counting them itself).
 */
@Injectable()
export class QueueMetricsCollector implements OnModuleInit {
  constructor(
    private readonly queues: QueueRegistry,
    @InjectDataSource() private readonly db: DataSource,
    private readonly delivery: OutboxDelivery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const queues = this.queues;
    const db = this.db;
    const delivery = this.delivery;
    const redeliverAfterMs = this.config.outbox.redeliverAfterMs;
    const gauges = [
      new Gauge({
        name: 'km_outbox_events',
        help: 'Domain events not yet consumed: unpublished, or published over the redelivery threshold ago',
        labelNames: ['state'],
        registers: [],
        async collect() {
          const backlog = await delivery.backlog(redeliverAfterMs).catch(() => null);
          if (!backlog) return;
          this.set({ state: 'unpublished' }, backlog.unpublished);
          this.set({ state: 'unconsumed' }, backlog.unconsumed);
        },
      }),
      new Gauge({
        name: 'km_outbox_oldest_unconsumed_seconds',
        help: 'Age of the oldest domain event not yet consumed (0 when none)',
        registers: [],
        async collect() {
          const backlog = await delivery.backlog(redeliverAfterMs).catch(() => null);
          if (backlog) this.set(backlog.oldestSeconds);
        },
      }),
      new Gauge({
        name: 'km_queue_jobs',
        help: 'Jobs per queue and state',
        labelNames: ['queue', 'state'],
        registers: [],
        async collect() {
          for (const name of Object.values(QueueName)) {
            const counts = await withTimeout(queues.queue(name).getJobCounts(...STATES), 500).catch(
              () => null,
            );
            if (!counts) continue;
            for (const state of STATES) this.set({ queue: name, state }, counts[state] ?? 0);
          }
        },
      }),
      new Gauge({
        name: 'km_matching_runs',
        help: 'Matching runs by status (all time)',
        labelNames: ['status'],
        registers: [],
        async collect() {
          const rows: { status: string; n: number }[] = await db
            // Runs, not the partitions of a nationwide run (child rows).
            .query(
              `SELECT status, count(*)::int AS n FROM matching_run WHERE parent_run_id IS NULL GROUP BY status`,
            )
            .catch(() => []);
          for (const row of rows) this.set({ status: row.status }, row.n);
        },
      }),
      new Gauge({
        name: 'km_matching_run_duration_seconds',
        help: 'Duration of matching runs finished in the last 24 hours, by quantile',
        labelNames: ['quantile'],
        registers: [],
        async collect() {
          const rows: { p50: number | null; p95: number | null; max: number | null }[] = await db
            .query(
              `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS p50,
                      percentile_cont(0.95) WITHIN GROUP (ORDER BY d) AS p95, max(d) AS max
                 FROM (SELECT extract(epoch FROM finished_at - started_at) AS d FROM matching_run
                        WHERE status = 'completed' AND finished_at > now() - interval '24 hours'
                          AND parent_run_id IS NULL) runs`,
            )
            .catch(() => []);
          const row = rows[0];
          if (!row) return;
          this.set({ quantile: '0.5' }, Number(row.p50 ?? 0));
          this.set({ quantile: '0.95' }, Number(row.p95 ?? 0));
          this.set({ quantile: '1' }, Number(row.max ?? 0));
        },
      }),
    ];
    for (const gauge of gauges as Gauge[]) {
      const name = (gauge as unknown as { name: string }).name;
      if (!register.getSingleMetric(name)) register.registerMetric(gauge);
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}
