import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

// A PostgreSQL `date` is a calendar day, not an instant: keep it as YYYY-MM-DD text. The driver's
// default makes a Date at the server's local midnight, which becomes the previous day when it is
// written out in UTC on a machine east of Greenwich.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** One definition of how we talk to PostgreSQL: schema from migrations only, never synchronize. */
export function dataSourceOptions(
  databaseUrl: string,
  entities: NonNullable<DataSourceOptions['entities']> = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: 10, connectionTimeoutMillis: 5000 },
  };
}
