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
  reportWhatStaysOpen();
};

/**
 * Runs end on their own (no forceExit): if something still holds the process a while after the
 * teardown, name it, so a stalled run says which socket, child or timer an app under test left
 * open. The timer is unref'd: in a clean run it never fires.
 */
function reportWhatStaysOpen() {
  setTimeout(() => {
    const handles = process._getActiveHandles().map((h) => {
      const where = [h.remoteAddress && `${h.remoteAddress}:${h.remotePort}`, h.spawnfile, h.pid]
        .filter(Boolean)
        .join(' ');
      return `${h.constructor?.name ?? typeof h}${where ? ` (${where})` : ''}`;
    });
    process.stderr.write(
      `[test-infra] still open 10 s after the run: ${process.getActiveResourcesInfo().join(', ')}; ` +
        `handles: ${handles.join(', ') || 'none'}\n`,
    );
  }, 10_000).unref();
}
