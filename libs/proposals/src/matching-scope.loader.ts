import { Injectable } from '@nestjs/common';
import { calendarDayOf, swedishToday } from '@km/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  CompetenceNode,
  DeliveryMode,
  LearningCentreRef,
  MatchingInput,
  MunicipalityGeo,
  NeedInput,
  OfferingInput,
  PlannedInitiativeInput,
  PreviousProposal,
  WindowCommitment,
} from '@km/matching';

const BATCH = 2000;

/** Reference data changes only with a deploy; the worker reads it once. */
export interface ReferenceSnapshot {
  municipalities: MunicipalityGeo[];
  competences: CompetenceNode[];
  learningCentres: LearningCentreRef[];
}

/** Needs the matcher may still place: not committed, withdrawn or expired. */
export const OPEN_NEED_STATUSES = ['received', 'proposed', 'unmet'];

const isoDate = calendarDayOf;

/**
 * Loads a run's matching scope from PostgreSQL, in batches: the open needs of its counties (a
 * reach region, see `reachRegions`), every active offering (a venue in the next county may be
 * closest), what brokers rejected, what is committed and the scope's previous proposals.
 */
@Injectable()
export class MatchingScopeLoader {
  private reference?: Promise<ReferenceSnapshot>;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The scope of the given counties, or of every county with open needs (`null`: the whole
   * country, which is also what a run needs to work out its reach region). `today` bounds every
   * start the engine may propose (no start in the past).
   */
  async load(
    countyCodes: readonly string[] | null,
    manager: EntityManager = this.db.manager,
    today: string = swedishToday(),
  ): Promise<MatchingInput> {
    const needs = await this.needs(manager, countyCodes);
    // One after another: the manager may be a single connection (the run's advisory-lock holder).
    const offerings = await this.offerings(manager);
    const previous = await this.previousProposals(manager, countyCodes);
    return this.complete(manager, needs, offerings, previous, today);
  }

  /**
   * One partition of a nationwide run: the given needs while still open, the given offerings
   * (those the partition's needs can reach), and the previous proposals holding its needs.
   */
  async loadPartition(
    needIds: readonly string[],
    offeringIds: readonly string[],
    manager: EntityManager = this.db.manager,
    today: string = swedishToday(),
  ): Promise<MatchingInput> {
    const needs = await this.needs(manager, null, needIds);
    const offerings = await this.offerings(manager, offeringIds);
    const previous = await this.previousProposals(manager, null, needIds);
    return this.complete(manager, needs, offerings, previous, today);
  }

  /**
   * What splitting a nationwide run needs (`runPartitions`): every open need and active offering
   * with the reference data; the partitions load the rest themselves.
   */
  async loadForPartitioning(
    manager: EntityManager = this.db.manager,
    today: string = swedishToday(),
  ): Promise<MatchingInput> {
    const needs = await this.needs(manager, null);
    const offerings = await this.offerings(manager);
    const reference = await this.referenceSnapshot();
    return {
      needs,
      offerings,
      ...reference,
      rejectedPairs: [],
      committedNeedIds: [],
      previousProposals: [],
      today,
    };
  }

  /** What every scope adds to its needs and offerings: rejections, commitments, reference. */
  private async complete(
    manager: EntityManager,
    needs: NeedInput[],
    offerings: OfferingInput[],
    previous: PreviousProposal[],
    today: string,
  ): Promise<MatchingInput> {
    const reference = await this.referenceSnapshot();
    const needIds = needs.map((n) => n.id);
    const rejected = await manager.query(
      `SELECT need_id AS "needId", offering_id AS "offeringId" FROM rejected_pair WHERE need_id = ANY ($1::uuid[])`,
      [needIds],
    );
    const committed = await manager.query(
      `SELECT need_id AS "needId" FROM initiative_need WHERE committed AND need_id = ANY ($1::uuid[])`,
      [needIds],
    );
    const commitments = await this.commitments(manager, today);
    return {
      needs,
      offerings,
      ...reference,
      rejectedPairs: rejected,
      committedNeedIds: committed.map((row: { needId: string }) => row.needId),
      previousProposals: previous,
      commitments,
      today,
    };
  }

  /**
   * What approved, not cancelled initiatives hold of every start window that has not closed, in
   * any county: one group each, and the seats of the planned ones (capacity.rules.ts).
   */
  async commitments(manager: EntityManager, today: string): Promise<WindowCommitment[]> {
    const rows: {
      offering_id: string;
      start_window_from: string;
      groups_used: number;
      planned: PlannedInitiativeInput[];
    }[] = await manager.query(
      // Keyed by the window's own start: a proposal made after the window began starts today.
      `SELECT w.offering_id, w.from_date::text AS start_window_from,
              count(*)::int AS groups_used,
              coalesce(json_agg(json_build_object('id', i.id, 'participants', i.participants_total,
                                                  'startDate', i.start_date::text) ORDER BY i.id)
                         FILTER (WHERE i.status = 'planned'), '[]') AS planned
         FROM initiative i JOIN proposal p ON p.id = i.proposal_id
         JOIN offering_start_window w
           ON w.offering_id = i.offering_id AND w.to_date = p.start_window_to
          AND p.start_window_from BETWEEN w.from_date AND w.to_date
        WHERE i.kind = 'joint_initiative' AND i.status <> 'cancelled' AND w.to_date >= $1::date
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [today],
    );
    return rows.map((r) => ({
      offeringId: r.offering_id,
      startWindowFrom: isoDate(r.start_window_from),
      groupsUsed: r.groups_used,
      planned: r.planned,
    }));
  }

  /**
   * Counties a run over the whole country covers: those with open needs, and those with open
   * proposals (a run supersedes what no longer holds).
   */
  async countiesInPlay(): Promise<string[]> {
    const rows: { county: string }[] = await this.db.query(
      `SELECT county_code AS county FROM need WHERE status = ANY ($1)
        UNION SELECT county_code FROM proposal WHERE status = 'open' ORDER BY 1`,
      [OPEN_NEED_STATUSES],
    );
    return rows.map((r) => r.county.trim());
  }

  private async needs(
    manager: EntityManager,
    countyCodes: readonly string[] | null,
    needIds: readonly string[] | null = null,
  ): Promise<NeedInput[]> {
    if (needIds) return this.needsById(manager, countyCodes, needIds);
    const needs: NeedInput[] = [];
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: NeedRow[] = await manager.query(
        `${SELECT_NEED} WHERE ($1::text[] IS NULL OR n.county_code = ANY ($1)) AND n.status = ANY ($2)
            AND n.id > $3
          ORDER BY n.id LIMIT ${BATCH}`,
        [countyCodes, OPEN_NEED_STATUSES, after],
      );
      needs.push(...rows.map(toNeedInput));
      if (rows.length < BATCH) return needs;
      after = rows[rows.length - 1].id;
    }
  }

  /**
   * Open needs by id (a partition: tens of thousands) in one statement: paging through the list
   * with a keyset sent the whole list again with every page, and pages of ids each planned a scan
   * of the table (25 × 0.3 s for 50,000 needs; one statement 0.8 s).
   */
  private async needsById(
    manager: EntityManager,
    countyCodes: readonly string[] | null,
    needIds: readonly string[],
  ): Promise<NeedInput[]> {
    const rows: NeedRow[] = await manager.query(
      `${SELECT_NEED} WHERE ($1::text[] IS NULL OR n.county_code = ANY ($1)) AND n.status = ANY ($2)
          AND n.id = ANY ($3::uuid[])
        ORDER BY n.id`,
      [countyCodes, OPEN_NEED_STATUSES, needIds],
    );
    return rows.map(toNeedInput);
  }

  /**
   * What "why not matched yet" reads for one need: the need, the open needs of its county that
   * share a competence with it (they count towards a course's minimum), every active offering,
   * what approved initiatives hold of their start windows, the offerings a broker rejected for
   * it, and the reference data.
   */
  async loadForNeed(needId: string, today: string = swedishToday()): Promise<NeedScope | null> {
    const manager = this.db.manager;
    const [row]: NeedRow[] = await manager.query(`${SELECT_NEED} WHERE n.id = $1`, [needId]);
    if (!row) return null;
    const need = toNeedInput(row);
    const others: NeedRow[] = await manager.query(
      `${SELECT_NEED}
        WHERE n.county_code = (SELECT county_code FROM need WHERE id = $1) AND n.id <> $1
          AND n.status = ANY ($2)
          AND EXISTS (SELECT 1 FROM need_competence nc
                       WHERE nc.need_id = n.id AND nc.competence_id = ANY ($3))`,
      [needId, OPEN_NEED_STATUSES, need.competenceIds],
    );
    const rejected: { offering_id: string }[] = await manager.query(
      `SELECT offering_id FROM rejected_pair WHERE need_id = $1`,
      [needId],
    );
    return {
      need,
      others: others.map(toNeedInput),
      offerings: await this.offerings(manager),
      commitments: await this.commitments(manager, today),
      today,
      rejectedOfferingIds: rejected.map((r) => r.offering_id),
      ...(await this.referenceSnapshot()),
    };
  }

  /**
   * Active offerings: all, those with the given ids (a partition), or those `near` a need:
   * teaching one of the competences with a start window in the period (the incremental rematch's
   * prefilter; the engine's fit rules decide after).
   */
  async offerings(
    manager: EntityManager,
    only: readonly string[] | OfferingFilter | null = null,
  ): Promise<OfferingInput[]> {
    const offeringIds = Array.isArray(only) ? (only as readonly string[]) : null;
    const near = only && !Array.isArray(only) ? (only as OfferingFilter) : null;
    const offerings: OfferingInput[] = [];
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: OfferingRow[] = await manager.query(
        `SELECT o.id, o.learning_centre_id, o.title, o.delivery_mode, o.venue_municipality_code,
                o.min_participants, o.max_participants, o.cost_fixed_sek, o.cost_per_participant_sek,
                o.duration_days, o.language,
                (SELECT array_agg(oc.competence_id ORDER BY oc.competence_id) FROM offering_competence oc WHERE oc.offering_id = o.id) AS competence_ids,
                (SELECT json_agg(json_build_object('from', w.from_date, 'to', w.to_date, 'groups', w.groups) ORDER BY w.from_date)
                   FROM offering_start_window w WHERE w.offering_id = o.id) AS start_windows
           FROM offering o
          WHERE o.deleted_at IS NULL AND o.id > $1 AND ($2::uuid[] IS NULL OR o.id = ANY ($2))
            AND ($3::text[] IS NULL OR (
                  EXISTS (SELECT 1 FROM offering_competence oc
                           WHERE oc.offering_id = o.id AND oc.competence_id = ANY ($3))
              AND EXISTS (SELECT 1 FROM offering_start_window w
                           WHERE w.offering_id = o.id AND w.to_date >= $4::date AND w.from_date <= $5::date)))
          ORDER BY o.id LIMIT ${BATCH}`,
        [after, offeringIds, near?.competenceIds ?? null, near?.from ?? null, near?.to ?? null],
      );
      for (const row of rows) {
        offerings.push({
          id: row.id,
          learningCentreId: row.learning_centre_id,
          title: row.title,
          competenceIds: row.competence_ids ?? [],
          deliveryMode: row.delivery_mode as DeliveryMode,
          venueMunicipalityCode: row.venue_municipality_code,
          minParticipants: row.min_participants,
          maxParticipants: row.max_participants,
          costFixedSek: Number(row.cost_fixed_sek),
          costPerParticipantSek: Number(row.cost_per_participant_sek),
          durationDays: row.duration_days,
          startWindows: (row.start_windows ?? []).map((w) => ({
            from: isoDate(w.from),
            to: isoDate(w.to),
            groups: w.groups ?? 1,
          })),
          language: row.language,
        });
      }
      if (rows.length < BATCH) return offerings;
      after = rows[rows.length - 1].id;
    }
  }

  /**
   * The proposals a scope's run continues from: its counties' open and superseded ones (kept ids,
   * stability) and every live initiative's start window (taken, in any county).
   */
  async previousProposals(
    manager: EntityManager,
    countyCodes: readonly string[] | null,
    needIds: readonly string[] | null = null,
  ): Promise<PreviousProposal[]> {
    const rows: {
      id: string;
      kind: PreviousProposal['kind'];
      status: string;
      offering_id: string | null;
      initiative_id: string | null;
      start_window_from: Date | null;
      need_ids: string[];
    }[] = await manager.query(
      `SELECT p.id, p.kind, p.status, p.offering_id, p.initiative_id,
              p.start_window_from::text AS start_window_from,
                array_agg(pn.need_id::text ORDER BY pn.need_id) AS need_ids
           FROM proposal p JOIN proposal_need pn ON pn.proposal_id = p.id
          WHERE (p.status IN ('open', 'superseded') AND ($1::text[] IS NULL
                  OR p.county_code = ANY ($1)
                  -- A pool across the border may have been written under the other county.
                  OR EXISTS (SELECT 1 FROM proposal_need x JOIN need xn ON xn.id = x.need_id
                              WHERE x.proposal_id = p.id AND xn.county_code = ANY ($1)))
                  -- A partition continues from the proposals of its own needs.
                  AND ($2::uuid[] IS NULL OR EXISTS (SELECT 1 FROM proposal_need x
                              WHERE x.proposal_id = p.id AND x.need_id = ANY ($2))))
             -- Start windows a live initiative runs, in any county, are taken for every run.
             OR (p.status = 'approved' AND p.kind = 'joint_initiative' AND EXISTS (
                   SELECT 1 FROM initiative i
                    WHERE i.proposal_id = p.id AND i.status IN ('planned', 'running')))
          GROUP BY p.id`,
      [countyCodes, needIds],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      offeringId: r.offering_id,
      initiativeId: r.initiative_id,
      startWindowFrom: r.start_window_from ? isoDate(r.start_window_from) : null,
      needIds: r.need_ids,
    }));
  }

  /**
   * Open needs by id, and open needs with one of the competences that can reach one of a set of
   * start windows (the incremental rematch's prefilter; the engine's fit rules decide after).
   */
  async openNeeds(
    manager: EntityManager,
    filter: {
      ids?: readonly string[];
      near?: { competenceIds: readonly string[]; reach: NeedReach };
    },
  ): Promise<NeedInput[]> {
    const reach = filter.near?.reach;
    const rows: NeedRow[] = await manager.query(
      `${SELECT_NEED}
        WHERE n.status = ANY ($1)
          AND n.id IN (SELECT unnest($2::uuid[])
                       UNION
                       -- From the competence index: the need table is only read by key.
                       SELECT nc.need_id FROM need_competence nc JOIN need x ON x.id = nc.need_id
                        WHERE nc.competence_id = ANY ($3) AND x.latest_end >= $4::date
                          AND x.earliest_start <= $5::date
                          AND x.delivery_modes && $6 AND (
                                ('remote' = ANY ($6) AND 'remote' = ANY (x.delivery_modes))
                                OR EXISTS (SELECT 1 FROM unnest($7::text[], $8::int[]) AS r(code, km)
                                            WHERE r.code = x.municipality_code
                                              AND r.km <= x.max_travel_km)))
        ORDER BY n.id`,
      [
        OPEN_NEED_STATUSES,
        filter.ids ?? [],
        filter.near?.competenceIds ?? null,
        reach?.latestEndFrom ?? null,
        reach?.earliestStartBy ?? null,
        reach?.modes ?? [],
        reach?.venueKm.map(([code]) => code) ?? [],
        reach?.venueKm.map(([, km]) => km) ?? [],
      ],
    );
    return rows.map(toNeedInput);
  }

  referenceSnapshot(): Promise<ReferenceSnapshot> {
    this.reference ??= (async () => {
      const [municipalities, competences, learningCentres] = await Promise.all([
        this.db.query(
          `SELECT code, county_code AS "countyCode", lat, lon, name FROM municipality ORDER BY code`,
        ),
        this.db.query(
          `SELECT id, area_id AS area, broader_id AS "broaderId", label FROM competence ORDER BY id`,
        ),
        this.db.query(
          `SELECT lc.id, lc.name, lc.seat_municipality_code AS "seatMunicipalityCode",
                  array_agg(lcm.municipality_code ORDER BY lcm.municipality_code) AS "municipalityCodes"
             FROM learning_centre lc JOIN learning_centre_municipality lcm ON lcm.learning_centre_id = lc.id
            GROUP BY lc.id ORDER BY lc.id`,
        ),
      ]);
      return { municipalities, competences, learningCentres };
    })();
    this.reference.catch(() => (this.reference = undefined));
    return this.reference;
  }
}

/**
 * What a need must at least have to fit one of a set of start windows (a prefilter; the engine's
 * fit rules decide): a delivery mode offered there; a remote course or, for courses on site, a
 * venue within its travel distance; a window that opens before it may start at the latest and
 * a course that ends before its own end at the earliest.
 */
export interface NeedReach {
  modes: readonly string[];
  /** Per municipality, the road distance to the nearest venue of an on-site or hybrid window. */
  venueKm: readonly (readonly [string, number])[];
  /** The latest day a window opens (ISO): a need may not start later. */
  earliestStartBy: string;
  /** The earliest day a course could end (ISO): a need must not end before. */
  latestEndFrom: string;
}

/** Competences and a period (ISO days, inclusive) that a prefilter keeps. */
export interface OfferingFilter {
  competenceIds: readonly string[];
  from: string;
  to: string;
}

/** One need and what it is matched against (see `loadForNeed`). */
export interface NeedScope extends ReferenceSnapshot {
  need: NeedInput;
  others: NeedInput[];
  offerings: OfferingInput[];
  commitments: WindowCommitment[];
  today: string;
  rejectedOfferingIds: string[];
}

const SELECT_NEED = `
  SELECT n.id, n.employer_id, e.name AS employer_name, e.employees, n.municipality_code,
         n.participants_total, n.participants_women, n.participants_men,
         n.earliest_start::text AS earliest_start, n.latest_end::text AS latest_end, n.delivery_modes,
         n.max_travel_km, n.max_cost_per_participant_sek, n.language, n.created_at,
         (SELECT array_agg(nc.competence_id ORDER BY nc.competence_id) FROM need_competence nc WHERE nc.need_id = n.id) AS competence_ids
    FROM need n JOIN employer e ON e.id = n.employer_id`;

function toNeedInput(row: NeedRow): NeedInput {
  return {
    id: row.id,
    employerId: row.employer_id,
    employerName: row.employer_name,
    orgSize: row.employees,
    municipalityCode: row.municipality_code,
    competenceIds: row.competence_ids ?? [],
    participants: {
      total: row.participants_total,
      women: row.participants_women,
      men: row.participants_men,
    },
    earliestStart: isoDate(row.earliest_start),
    latestEnd: isoDate(row.latest_end),
    deliveryModes: row.delivery_modes as DeliveryMode[],
    maxTravelKm: Number(row.max_travel_km),
    maxCostPerParticipantSek:
      row.max_cost_per_participant_sek === null ? null : Number(row.max_cost_per_participant_sek),
    language: row.language,
    submittedAt: new Date(row.created_at).toISOString(),
  };
}

interface NeedRow {
  id: string;
  employer_id: string;
  employer_name: string;
  employees: number;
  municipality_code: string;
  participants_total: number;
  participants_women: number;
  participants_men: number;
  earliest_start: Date | string;
  latest_end: Date | string;
  delivery_modes: string[];
  max_travel_km: number | string;
  max_cost_per_participant_sek: number | string | null;
  language: string;
  created_at: Date;
  competence_ids: string[] | null;
}

interface OfferingRow {
  id: string;
  learning_centre_id: string;
  title: string;
  delivery_mode: string;
  venue_municipality_code: string;
  min_participants: number;
  max_participants: number;
  cost_fixed_sek: number | string;
  cost_per_participant_sek: number | string;
  duration_days: number;
  language: string;
  competence_ids: string[] | null;
  start_windows: { from: string; to: string; groups?: number }[] | null;
}
