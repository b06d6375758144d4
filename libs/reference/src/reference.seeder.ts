import { EntityManager } from 'typeorm';
import {
  COMPETENCE_AREAS,
  COMPETENCES,
  COUNTIES,
  LEARNING_CENTRES,
  learningCentreContact,
  MUNICIPALITIES,
  REGION_TARGETS,
  SNI_SECTIONS,
} from './data';
import { foldForSearch } from './text-folding';

export interface SeedCounts {
  inserted: number;
  updated: number;
}

/**
 * Upserts the static reference data. A row is only written when it differs from what is stored,
 * so running the seed twice changes nothing (and the counts say so).
 */
export async function seedReferenceData(manager: EntityManager): Promise<SeedCounts> {
  const counts: SeedCounts = { inserted: 0, updated: 0 };
  await manager.transaction(async (tx) => {
    const upsert = (table: string, keys: string[], rows: Record<string, unknown>[]) =>
      upsertRows(tx, counts, table, keys, rows);
    await upsert(
      'county',
      ['code'],
      COUNTIES.map((c) => ({ code: c.code, name: c.name })),
    );
    await upsert(
      'municipality',
      ['code'],
      MUNICIPALITIES.map((m) => ({
        code: m.code,
        name: m.name,
        county_code: m.countyCode,
        lat: m.lat,
        lon: m.lon,
        population: m.population,
      })),
    );
    await upsert(
      'learning_centre',
      ['id'],
      LEARNING_CENTRES.map((lc) => ({
        id: lc.id,
        name: lc.name,
        kind: lc.kind,
        seat_municipality_code: lc.seatMunicipalityCode,
        ...contactColumns(learningCentreContact(lc)),
      })),
    );
    await upsert(
      'learning_centre_municipality',
      ['learning_centre_id', 'municipality_code'],
      LEARNING_CENTRES.flatMap((lc) =>
        lc.municipalityCodes.map((code) => ({
          learning_centre_id: lc.id,
          municipality_code: code,
        })),
      ),
    );
    await upsert(
      'competence_area',
      ['id'],
      COMPETENCE_AREAS.map((a) => ({ id: a.id, label: a.label })),
    );
    await upsert(
      'competence',
      ['id'],
      COMPETENCES.map((c) => ({
        id: c.id,
        label: c.label,
        synonyms: c.synonyms,
        area_id: c.area,
        broader_id: c.broaderId,
        label_folded: foldForSearch(c.label),
        synonyms_folded: c.synonyms.map(foldForSearch),
      })),
    );
    await upsert(
      'sni_section',
      ['code'],
      SNI_SECTIONS.map((s) => ({ code: s.code, label: s.label })),
    );
    await upsert(
      'region_target',
      ['id'],
      REGION_TARGETS.map((t) => ({
        id: t.id,
        county_code: t.countyCode,
        metric: t.metric,
        name: t.name,
        target: t.target,
        unit: t.unit,
        period_start: t.periodStart,
        period_end: t.periodEnd,
        source: t.source,
      })),
    );
  });
  return counts;
}

function contactColumns(contact: ReturnType<typeof learningCentreContact>) {
  return {
    contact_name: contact.name,
    contact_email: contact.email,
    contact_phone: contact.phone,
    contact_url: contact.url,
    contact_is_demo: contact.isDemo,
  };
}

async function upsertRows(
  manager: EntityManager,
  counts: SeedCounts,
  table: string,
  keys: string[],
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = columns.map((column) => {
      values.push(row[column]);
      return `$${values.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  const updatable = columns.filter((c) => !keys.includes(c));
  const setClause = updatable.map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  const changed = updatable.map((c) => `${table}.${c} IS DISTINCT FROM EXCLUDED.${c}`).join(' OR ');
  const conflict = updatable.length ? `DO UPDATE SET ${setClause} WHERE ${changed}` : 'DO NOTHING';
  // xmax = 0 tells a freshly inserted row from an updated one.
  const result: { inserted: boolean }[] = await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT (${keys.join(', ')}) ${conflict}
       RETURNING (xmax = 0) AS inserted`,
    values,
  );
  for (const row of result) {
    if (row.inserted) counts.inserted++;
    else counts.updated++;
  }
}
