const fs = require('node:fs');

module.exports = async () => {
  // Every project that set the infrastructure up names this file; tear it down once.
  if (!globalThis.__KM_INFRA_UP__ || globalThis.__KM_INFRA_DOWN__) return;
  globalThis.__KM_INFRA_DOWN__ = true;
  const { Client } = require('pg');
  const adminUrl = process.env.KM_TEST_ADMIN_URL;
  const runId = process.env.KM_TEST_RUN_ID;
  if (adminUrl && runId && !globalThis.__KM_PG__) {
    // On a shared server, drop only this run's per-file databases.
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    const rows = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `km_test_${runId}_%`,
    ]);
    for (const { datname } of rows.rows) {
      await client
        .query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
        .catch(() => undefined);
    }
    await client.end();
  }
  if (globalThis.__KM_PG__) {
    await globalThis.__KM_PG__.pg.stop().catch(() => undefined);
    fs.rmSync(globalThis.__KM_PG__.base, { recursive: true, force: true });
  }
  if (globalThis.__KM_REDIS__) await globalThis.__KM_REDIS__.stop();
};
