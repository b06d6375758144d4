/**
 * Bench-only: the api in this process on a prepared database, on 127.0.0.1, logged in as the
 * bench's admin. The SQL-loaded benches (monitoring, pages) use it so no HTTP request pays for a
 * child process's start-up and the measurement is the request itself.
 */
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';

export interface InProcessApi {
  base: string;
  /** POST a JSON body (with a bearer token when given); throws on a non-2xx answer. */
  post: (path: string, body: unknown, token?: string) => Promise<{ accessToken: string }>;
  adminToken: string;
  close: () => Promise<void>;
}

export async function startInProcessApi(
  databaseUrl: string,
  admin: { email: string; password: string },
): Promise<InProcessApi> {
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `kmbench-${randomBytes(3).toString('hex')}`,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: 'silent',
    OUTBOX_RELAY: 'off',
  });
  // Imported here: the app reads its configuration when the module loads.
  const { createApiApp } = await import('../apps/api/src/bootstrap');
  const app = await createApiApp({ logger: false });
  app.useLogger(false);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ accessToken: string }>;
  };
  try {
    const adminToken = (await post('/api/v1/auth/login', admin)).accessToken;
    return { base, post, adminToken, close: () => app.close() };
  } catch (error) {
    await app.close();
    throw error;
  }
}
