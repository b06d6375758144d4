import { DataSource } from 'typeorm';
import { SteppedClock, withClock } from '@km/common';

interface Step {
  realStart: string;
  realEnd: string;
  sim: Date;
}

/**
 * Runs the demo history on a stepped clock. Services read "today" from the clock (libs/common);
 * the instants PostgreSQL stamps with now() are real, so each step records the real interval it
 * ran in and `backdate` finally moves every timestamp written in a step to that step's simulated
 * instant. Timestamps outside every step (earlier rows, or a retry time set ahead) stay as they are.
 * Development data only: this is the one place that writes across every table.
 */
export class HistoryClock {
  private readonly clock: SteppedClock;
  private readonly steps: Step[] = [];

  constructor(
    private readonly db: DataSource,
    start: Date,
  ) {
    this.clock = new SteppedClock(start);
  }

  /** Runs `work` as if it were `sim`. */
  async at<T>(sim: Date, work: () => Promise<T>): Promise<T> {
    this.clock.set(sim);
    const realStart = await this.dbNow();
    try {
      return await withClock(this.clock, work);
    } finally {
      this.steps.push({ realStart, realEnd: await this.dbNow(), sim });
    }
  }

  /** Moves every timestamp written during a step to the step's simulated instant. */
  async backdate(): Promise<number> {
    if (this.steps.length === 0) return 0;
    const columns: { table_name: string; column_name: string }[] = await this.db.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND data_type = 'timestamp with time zone'
          AND table_name IN (SELECT table_name FROM information_schema.tables
                              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')
        ORDER BY table_name, column_name`,
    );
    return this.db.transaction(async (tx) => {
      await tx.query(
        `CREATE TEMP TABLE demo_history_step (real_start timestamptz, real_end timestamptz,
                                              sim timestamptz) ON COMMIT DROP`,
      );
      await tx.query(
        `INSERT INTO demo_history_step
         SELECT * FROM unnest($1::timestamptz[], $2::timestamptz[], $3::timestamptz[])`,
        [
          this.steps.map((s) => s.realStart),
          this.steps.map((s) => s.realEnd),
          this.steps.map((s) => s.sim.toISOString()),
        ],
      );
      await tx.query(`CREATE INDEX ON demo_history_step (real_start)`);
      await tx.query(`ANALYZE demo_history_step`);
      let moved = 0;
      for (const { table_name: table, column_name: column } of columns) {
        const t = `"${table.replace(/"/g, '""')}"`;
        const c = `"${column.replace(/"/g, '""')}"`;
        const [, count] = (await tx.query(
          `UPDATE ${t} SET ${c} = s.sim
             FROM demo_history_step s
            WHERE ${t}.${c} >= s.real_start AND ${t}.${c} <= s.real_end`,
        )) as [unknown, number];
        moved += count;
      }
      return moved;
    });
  }

  private async dbNow(): Promise<string> {
    const [row]: { now: string }[] = await this.db.query(
      `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS now`,
    );
    return row.now;
  }
}
