/**
 * Bench-only: a generated national instance (bench/generator) written into a migrated database in
 * bulk (unnest batches), its dates moved so the first day is two weeks ahead of today. The same
 * shifted input is what the engine-only figure runs on, so both figures describe one instance.
 */
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { addDays, daysBetween, swedishToday } from '@km/common';
import type { MatchingInput } from '@km/matching';
import { sizeBandOf } from '@km/needs';
import { generateInstance } from './generator';

const BATCH = 5000;
const FIRST_DAY = '2025-01-06';

/** The generated instance with every date moved to start 14 days from today. */
export function nationalInstance(needs: number, offerings: number, seed: number): MatchingInput {
  const input = generateInstance({ needs, offerings, seed });
  const shift = daysBetween(FIRST_DAY, swedishToday()) + 14;
  const move = (day: string) => addDays(day, shift);
  return {
    ...input,
    needs: input.needs.map((n) => ({
      ...n,
      earliestStart: move(n.earliestStart),
      latestEnd: move(n.latestEnd),
      submittedAt: move(n.submittedAt),
    })),
    offerings: input.offerings.map((o) => ({
      ...o,
      startWindows: o.startWindows.map((w) => ({ from: move(w.from), to: move(w.to) })),
    })),
    today: swedishToday(),
  };
}

/** A stable uuid for a generated id, so two loads of one instance are identical. */
function uuidOf(id: string): string {
  const h = createHash('sha1').update(`km-bench:${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/** Writes the instance's learning centres, employers, needs (with contact) and offerings. */
export async function loadInstance(databaseUrl: string, input: MatchingInput): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const countyOf = new Map(input.municipalities.map((m) => [m.code, m.countyCode]));
    // The reference data holds the LC-KOMP centres; the generator adds one per other municipality.
    await client.query(
      `INSERT INTO learning_centre (id, name, kind, seat_municipality_code)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (id) DO NOTHING`,
      [
        input.learningCentres.map((c) => c.id),
        input.learningCentres.map((c) => c.name ?? c.id),
        input.learningCentres.map(() => 'municipal'),
        input.learningCentres.map((c) => c.seatMunicipalityCode),
      ],
    );
    const served = input.learningCentres.flatMap((c) =>
      c.municipalityCodes.map((code) => [c.id, code] as const),
    );
    await client.query(
      `INSERT INTO learning_centre_municipality (learning_centre_id, municipality_code)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
      [served.map(([id]) => id), served.map(([, code]) => code)],
    );

    const employers = [...new Map(input.needs.map((n) => [n.employerId, n])).values()];
    await inBatches(employers, (batch) =>
      client.query(
        `INSERT INTO employer (id, org_number, name, municipality_code, sni_section, employees, size_band)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])`,
        [
          batch.map((n) => uuidOf(n.employerId)),
          batch.map((n) => `55${n.employerId.slice(1).padStart(8, '0')}`),
          batch.map((n) => n.employerName),
          batch.map((n) => n.municipalityCode),
          batch.map(() => 'C'),
          batch.map((n) => n.orgSize),
          batch.map((n) => sizeBandOf(n.orgSize)),
        ],
      ),
    );
    await inBatches(input.needs, async (batch) => {
      await client.query(
        `INSERT INTO need (id, employer_id, title, participants_total, participants_women,
                           participants_men, earliest_start, latest_end, delivery_modes,
                           max_travel_km, max_cost_per_participant_sek, language,
                           tracking_token_hash, municipality_code, county_code, status)
         SELECT d.id, d.employer, 'Utbildning', d.total, d.women, d.men, d.earliest, d.latest,
                string_to_array(d.modes, ','), d.travel, d.max_cost, d.language, d.hash,
                d.municipality, d.county, 'received'
           FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::int[], $6::date[],
                       $7::date[], $8::text[], $9::int[], $10::int[], $11::text[], $12::text[],
                       $13::text[], $14::text[])
             AS d(id, employer, total, women, men, earliest, latest, modes, travel, max_cost,
                  language, hash, municipality, county)`,
        [
          batch.map((n) => uuidOf(n.id)),
          batch.map((n) => uuidOf(n.employerId)),
          batch.map((n) => n.participants.total),
          batch.map((n) => n.participants.women),
          batch.map((n) => n.participants.men),
          batch.map((n) => n.earliestStart),
          batch.map((n) => n.latestEnd),
          batch.map((n) => n.deliveryModes.join(',')),
          batch.map((n) => n.maxTravelKm),
          batch.map((n) => n.maxCostPerParticipantSek ?? null),
          batch.map((n) => n.language),
          batch.map((n) => createHash('sha256').update(`bench-token:${n.id}`).digest('hex')),
          batch.map((n) => n.municipalityCode),
          batch.map((n) => countyOf.get(n.municipalityCode)),
        ],
      );
      const pairs = batch.flatMap((n) => n.competenceIds.map((c) => [uuidOf(n.id), c] as const));
      await client.query(
        `INSERT INTO need_competence (need_id, competence_id)
         SELECT * FROM unnest($1::uuid[], $2::text[])`,
        [pairs.map(([id]) => id), pairs.map(([, c]) => c)],
      );
      await client.query(
        `INSERT INTO contact (need_id, name, email)
         SELECT id, 'Kontakt', 'kontakt@example.se' FROM unnest($1::uuid[]) AS d(id)`,
        [batch.map((n) => uuidOf(n.id))],
      );
    });
    await inBatches(input.offerings, async (batch) => {
      await client.query(
        `INSERT INTO offering (id, learning_centre_id, title, delivery_mode, venue_municipality_code,
                               min_participants, max_participants, cost_fixed_sek,
                               cost_per_participant_sek, duration_days, language)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[],
                              $7::int[], $8::int[], $9::int[], $10::int[], $11::text[])`,
        [
          batch.map((o) => uuidOf(o.id)),
          batch.map((o) => o.learningCentreId),
          // Titles are 3–200 characters; a concept such as '5S' is shorter.
          batch.map((o) => (o.title.length >= 3 ? o.title : `Kurs i ${o.title}`)),
          batch.map((o) => o.deliveryMode),
          batch.map((o) => o.venueMunicipalityCode),
          batch.map((o) => o.minParticipants),
          batch.map((o) => o.maxParticipants),
          batch.map((o) => o.costFixedSek),
          batch.map((o) => o.costPerParticipantSek),
          batch.map((o) => o.durationDays),
          batch.map((o) => o.language),
        ],
      );
      const competences = batch.flatMap((o) =>
        o.competenceIds.map((c) => [uuidOf(o.id), c] as const),
      );
      await client.query(
        `INSERT INTO offering_competence (offering_id, competence_id)
         SELECT * FROM unnest($1::uuid[], $2::text[])`,
        [competences.map(([id]) => id), competences.map(([, c]) => c)],
      );
      const windows = batch.flatMap((o) =>
        o.startWindows.map((w) => [uuidOf(o.id), w.from, w.to] as const),
      );
      await client.query(
        `INSERT INTO offering_start_window (offering_id, from_date, to_date)
         SELECT * FROM unnest($1::uuid[], $2::date[], $3::date[])`,
        [windows.map(([id]) => id), windows.map(([, from]) => from), windows.map(([, , to]) => to)],
      );
    });
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
