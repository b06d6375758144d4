import { EntityManager } from 'typeorm';
import { OutboxService } from '@km/outbox';
import { DomainEventType } from '@km/queue';
import { DemoMunicipality, planDemoData } from './demo-data';

export interface DemoDataOptions {
  needs: number;
  offerings: number;
  seed?: number;
  /** Only these municipalities; default: every municipality a LC-KOMP learning centre covers. */
  municipalityCodes?: string[];
  /** Write NeedSubmitted/OfferingCreated outbox events, so the matcher rematches at once. */
  emitEvents?: boolean;
  today?: Date;
}

const CHUNK = 2000;

/**
 * Seeds demo employers, needs (with a contact) and offerings in one transaction. Identities come
 * from the seed, so a second call with the same options inserts nothing.
 */
export async function seedDemoData(
  manager: EntityManager,
  options: DemoDataOptions,
): Promise<{ needs: number; offerings: number }> {
  const municipalities = await loadMunicipalities(manager, options.municipalityCodes);
  const plan = planDemoData({
    municipalities,
    needs: options.needs,
    offerings: options.offerings,
    seed: options.seed ?? 1,
    today: options.today ?? new Date(),
  });
  return manager.transaction(async (tx) => {
    const outbox = new OutboxService();
    let needsInserted = 0;
    for (let i = 0; i < plan.needs.length; i += CHUNK) {
      const chunk = plan.needs.slice(i, i + CHUNK);
      await tx.query(
        `INSERT INTO employer (org_number, name, municipality_code, sni_section, employees, size_band)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[])
         ON CONFLICT (org_number) DO NOTHING`,
        [
          chunk.map((n) => n.employer.orgNumber),
          chunk.map((n) => n.employer.name),
          chunk.map((n) => n.employer.municipalityCode),
          chunk.map((n) => n.employer.sniSection),
          chunk.map((n) => n.employer.employees),
          chunk.map((n) => n.employer.sizeBand),
        ],
      );
      const inserted: { id: string; county_code: string; municipality_code: string }[] =
        await tx.query(
          `INSERT INTO need (employer_id, title, participants_total, participants_women,
                             participants_men, earliest_start, latest_end, delivery_modes,
                             max_travel_km, max_cost_per_participant_sek, tracking_token_hash,
                             municipality_code, county_code)
           SELECT e.id, d.title, d.total, d.women, d.men, d.earliest, d.latest,
                  string_to_array(d.modes, ','), d.travel, d.max_cost, d.hash, d.municipality, d.county
             FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[], $6::date[],
                         $7::date[], $8::text[], $9::int[], $10::int[], $11::text[], $12::text[],
                         $13::text[])
                  AS d(org, title, total, women, men, earliest, latest, modes, travel, max_cost,
                       hash, municipality, county)
             JOIN employer e ON e.org_number = d.org
           ON CONFLICT (tracking_token_hash) DO NOTHING
           RETURNING id, county_code, municipality_code`,
          [
            chunk.map((n) => n.employer.orgNumber),
            chunk.map((n) => n.title),
            chunk.map((n) => n.participants.total),
            chunk.map((n) => n.participants.women),
            chunk.map((n) => n.participants.men),
            chunk.map((n) => n.earliestStart),
            chunk.map((n) => n.latestEnd),
            chunk.map((n) => n.deliveryModes.join(',')),
            chunk.map((n) => n.maxTravelKm),
            chunk.map((n) => n.maxCostPerParticipantSek),
            chunk.map((n) => n.trackingTokenHash),
            chunk.map((n) => n.municipalityCode),
            chunk.map((n) => n.countyCode),
          ],
        );
      needsInserted += inserted.length;
      await tx.query(
        `INSERT INTO need_competence (need_id, competence_id)
         SELECT n.id, d.competence
           FROM unnest($1::text[], $2::text[]) AS d(hash, competence)
           JOIN need n ON n.tracking_token_hash = d.hash
         ON CONFLICT DO NOTHING`,
        [chunk.map((n) => n.trackingTokenHash), chunk.map((n) => n.competenceId)],
      );
      await tx.query(
        `INSERT INTO contact (need_id, name, email)
         SELECT n.id, 'Demo Kontakt', 'kontakt+' || left(n.id::text, 8) || '@example.se'
           FROM need n
          WHERE n.id = ANY($1::uuid[])`,
        [inserted.map((n) => n.id)],
      );
      if (options.emitEvents) {
        for (const need of inserted) {
          await outbox.add(tx, {
            type: DomainEventType.NeedSubmitted,
            aggregateType: 'need',
            aggregateId: need.id,
            countyCode: need.county_code.trim(),
            payload: { municipalityCode: need.municipality_code, demo: true },
          });
        }
      }
    }

    let offeringsInserted = 0;
    for (const offering of plan.offerings) {
      const rows = await tx.query(
        `INSERT INTO offering (id, learning_centre_id, title, delivery_mode, venue_municipality_code,
                               min_participants, max_participants, cost_fixed_sek,
                               cost_per_participant_sek, duration_days)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          offering.id,
          offering.learningCentreId,
          offering.title,
          offering.deliveryMode,
          offering.venueMunicipalityCode,
          offering.minParticipants,
          offering.maxParticipants,
          offering.costFixedSek,
          offering.costPerParticipantSek,
          offering.durationDays,
        ],
      );
      if (rows.length === 0) continue;
      offeringsInserted++;
      await tx.query(
        `INSERT INTO offering_competence (offering_id, competence_id) VALUES ($1, $2)`,
        [offering.id, offering.competenceId],
      );
      for (const window of offering.startWindows) {
        await tx.query(
          `INSERT INTO offering_start_window (offering_id, from_date, to_date) VALUES ($1, $2, $3)`,
          [offering.id, window.from, window.to],
        );
      }
      if (options.emitEvents) {
        await outbox.add(tx, {
          type: DomainEventType.OfferingCreated,
          aggregateType: 'offering',
          aggregateId: offering.id,
          countyCode: offering.venueMunicipalityCode.slice(0, 2),
          payload: { demo: true },
        });
      }
    }
    return { needs: needsInserted, offerings: offeringsInserted };
  });
}

async function loadMunicipalities(
  manager: EntityManager,
  codes: string[] | undefined,
): Promise<DemoMunicipality[]> {
  const rows: { code: string; name: string; learning_centre_ids: string[] | null }[] =
    await manager.query(
      `SELECT m.code, m.name,
              array_remove(array_agg(lcm.learning_centre_id ORDER BY lcm.learning_centre_id), NULL)
                AS learning_centre_ids
         FROM municipality m
         LEFT JOIN learning_centre_municipality lcm ON lcm.municipality_code = m.code
        WHERE ($1::text[] IS NULL AND lcm.learning_centre_id IS NOT NULL) OR m.code = ANY($1::text[])
        GROUP BY m.code, m.name
        ORDER BY m.code`,
      [codes ?? null],
    );
  return rows.map((row) => ({
    code: row.code.trim(),
    name: row.name,
    learningCentreIds: row.learning_centre_ids ?? [],
  }));
}
