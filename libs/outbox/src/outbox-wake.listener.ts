import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * Listens for the `km_outbox` notification that the outbox trigger sends when an inserting
 * transaction commits, and calls `onWake`. Polling stays the fallback: a lost connection only
 * costs latency, and it reconnects with backoff.
 */
export class OutboxWakeListener {
  private readonly logger = new Logger(OutboxWakeListener.name);
  private client?: Client;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private failures = 0;

  constructor(
    private readonly databaseUrl: string,
    private readonly onWake: () => void,
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.databaseUrl,
      connectionTimeoutMillis: 5000,
    });
    this.client = client;
    client.on('notification', () => this.onWake());
    client.on('error', () => this.retry(client));
    client.on('end', () => this.retry(client));
    try {
      await client.connect();
      await client.query('LISTEN km_outbox');
      this.failures = 0;
      // Anything committed while we were not listening is picked up by this wake.
      this.onWake();
    } catch (error) {
      if (this.failures === 0)
        this.logger.warn(`outbox wake-up unavailable, polling only: ${(error as Error).message}`);
      this.retry(client);
    }
  }

  private retry(client: Client): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.failures++;
    this.retryTimer = setTimeout(
      () => void this.connect(),
      Math.min(500 * 2 ** this.failures, 30_000),
    );
    this.retryTimer.unref();
  }
}
