// Provides real PostgreSQL and Redis to the e2e and integration projects (once per jest run, however
// many projects name this file): DATABASE_URL / REDIS_URL when set,
// otherwise an embedded PostgreSQL (throw-away data dir) and a local or spawned Redis.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const infra = require('../../scripts/infra');

module.exports = async () => {
  if (globalThis.__KM_INFRA_UP__) return;
  globalThis.__KM_INFRA_UP__ = true;
  const log = (line) => process.stderr.write(`[test-infra] ${line}\n`);
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  let adminUrl;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'km-test-pg-'));
    fs.chmodSync(base, 0o755);
    const pg = await infra.startEmbeddedPostgres({
      dataDir: path.join(base, 'data'),
      log,
      persistent: false,
    });
    globalThis.__KM_PG__ = { pg, base };
    adminUrl = pg.adminUrl;
  }
  const redis = await infra.resolveRedis({ log });
  globalThis.__KM_REDIS__ = redis;
  process.env.KM_TEST_ADMIN_URL = adminUrl;
  process.env.KM_TEST_REDIS_URL = redis.url;
  process.env.KM_TEST_RUN_ID = runId;
};
