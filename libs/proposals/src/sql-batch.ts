import { EntityManager } from 'typeorm';

/** PostgreSQL allows 65,535 bind parameters per statement; stay well below it. */
const MAX_PARAMETERS = 30000;

/**
 * Inserts rows with multi-row VALUES statements, split so no statement exceeds the bind-parameter
 * limit. `suffix` is appended to each statement (ON CONFLICT …).
 */
export async function insertRows(
  manager: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  suffix = '',
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = chunk.map(
      (row) => `(${row.map((value) => (values.push(value), `$${values.length}`)).join(', ')})`,
    );
    await manager.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`,
      values,
    );
  }
}

/** TypeORM answers UPDATE/DELETE … RETURNING with [rows, affected]; SELECT/INSERT with rows. */
export function returnedRows<T = unknown>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
