import Redis from 'ioredis';

/** Checks that Redis answers before the app starts; one clear line if it does not. */
export async function checkRedis(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let firstError: { code?: string; message?: string } | undefined;
  client.on('error', (error: { code?: string }) => (firstError ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const cause = firstError ?? (error as { code?: string; message?: string });
    const reason = cause.code ?? cause.message;
    throw new Error(
      `Cannot reach Redis at ${url.replace(/\/\/([^:/@]*):([^@]+)@/, '//$1:***@')}: ${reason}`,
    );
  } finally {
    client.disconnect();
  }
}
