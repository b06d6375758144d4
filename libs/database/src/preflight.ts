import { Client } from 'pg';

/**
 * Checks that PostgreSQL answers before the app starts, so an unreachable database gives one
 * clear line instead of a retry loop and a stack trace.
 */
export async function checkPostgres(databaseUrl: string, timeoutMs = 5000): Promise<void> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
    throw new Error(`Cannot reach PostgreSQL at ${redactUrl(databaseUrl)}: ${reason}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):([^@]+)@/, '//$1:***@');
}
