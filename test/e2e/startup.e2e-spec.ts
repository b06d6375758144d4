import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase } from '../support/test-database';
import { freePort, resolveRedis, REDIS_HELP } from '../../scripts/infra';

const ROOT = join(__dirname, '..', '..');

function start(
  entry: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, entry)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr: stderr.trim() });
    });
  });
}

describe('start-up failures give one clear line and a non-zero exit', () => {
  let databaseUrl: string;
  let drop: () => Promise<void>;
  const redisUrl = () => process.env.KM_TEST_REDIS_URL as string;

  beforeAll(async () => {
    const db = await createTestDatabase();
    databaseUrl = db.url;
    drop = db.drop;
  });
  afterAll(() => drop?.());

  it.each(['apps/api/src/main.ts', 'apps/matcher/src/main.ts'])(
    '%s: malformed configuration',
    async (entry) => {
      const result = await start(entry, {
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl(),
        PORT: 'eighty',
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'Configuration error: PORT must be an integer port number (got "eighty")',
      );
    },
  );

  it('api: missing DATABASE_URL', async () => {
    const result = await start('apps/api/src/main.ts', { REDIS_URL: redisUrl() });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('Configuration error: DATABASE_URL is required but not set');
  });

  it('api: unreachable database', async () => {
    const port = await freePort();
    const result = await start('apps/api/src/main.ts', {
      DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${port}/nowhere`,
      REDIS_URL: redisUrl(),
    });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toBe(
      `api failed to start: Cannot reach PostgreSQL at postgres://postgres:***@127.0.0.1:${port}/nowhere: ECONNREFUSED`,
    );
  });

  it('matcher: unreachable Redis', async () => {
    const port = await freePort();
    const result = await start('apps/matcher/src/main.ts', {
      DATABASE_URL: databaseUrl,
      REDIS_URL: `redis://127.0.0.1:${port}`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `matcher failed to start: Cannot reach Redis at redis://127.0.0.1:${port}: ECONNREFUSED`,
    );
  });

  it('dev start-up: no Redis anywhere explains how to get one', async () => {
    const saved = { url: process.env.REDIS_URL, path: process.env.PATH };
    delete process.env.REDIS_URL;
    process.env.PATH = '/nonexistent';
    try {
      await expect(resolveRedis({ preferOwn: true })).rejects.toThrow(REDIS_HELP);
    } finally {
      process.env.REDIS_URL = saved.url;
      process.env.PATH = saved.path;
    }
  });
});
