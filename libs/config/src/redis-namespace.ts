import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { AppConfig, ConfigError } from './app-config';

/**
 * Gives every database its own Redis key space. Queues, deduplication keys, schedulers and
 * throttles all live under `config.redis.prefix`; two deployments sharing one prefix would
 * consume, deduplicate or delay each other's jobs without a trace. So:
 * - with REDIS_PREFIX unset the prefix is derived from the database's identity (cluster id,
 *   database name and oid), which differs for a second database, a copy from a template, a
 *   restore into a new database and a new cluster after `.data/` was deleted;
 * - the prefix is claimed in Redis for that identity, and a process whose database differs
 *   from the claimant refuses to start with one line naming REDIS_PREFIX.
 */
export async function resolveRedisNamespace(config: AppConfig): Promise<AppConfig> {
  const identity = await databaseIdentity(config.databaseUrl);
  const prefix =
    config.redis.configuredPrefix ??
    `km-${createHash('sha256').update(identity).digest('hex').slice(0, 12)}`;
  await claimPrefix(config.redis.url, prefix, identity);
  return { ...config, redis: { ...config.redis, prefix } };
}

/** The key that records which database a prefix belongs to. */
export const prefixOwnerKey = (prefix: string) => `${prefix}:owner`;

async function databaseIdentity(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const [db] = (
      await client.query(
        `SELECT current_database() AS name, oid::text AS oid FROM pg_database
          WHERE datname = current_database()`,
      )
    ).rows;
    const cluster = await client
      .query(`SELECT system_identifier::text AS id FROM pg_control_system()`)
      .then((result) => result.rows[0].id as string)
      // A managed server may hide the cluster id; its address then stands in for it.
      .catch(() => {
        const url = new URL(databaseUrl);
        return `${url.hostname}:${url.port || '5432'}`;
      });
    return `${cluster}/${db.name}/${db.oid}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function claimPrefix(redisUrl: string, prefix: string, identity: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const key = prefixOwnerKey(prefix);
    await redis.set(key, identity, 'NX');
    const owner = await redis.get(key);
    if (owner !== identity) {
      throw new ConfigError(
        'REDIS_PREFIX',
        `"${prefix}" is already used by another database (${owner}, this one is ${identity}): ` +
          `give each database its own REDIS_PREFIX, or leave it unset to derive one; if this ` +
          `database replaced that one (a restore), delete the Redis key "${key}" first`,
      );
    }
  } finally {
    redis.disconnect();
  }
}
