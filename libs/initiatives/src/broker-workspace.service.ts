import { Injectable } from '@nestjs/common';
import { UNKNOWN_THEME_SV } from '@km/labels';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@km/audit';
import { AuthUser } from '@km/auth';
import { NotFoundError, OutOfScopeError } from '@km/common';
import { ProposalQuery, ProposalView } from '@km/proposals';
import { assertTouches, scopeMunicipalities } from './broker-scope';

export const PROPOSAL_STATUSES = ['open', 'approved', 'rejected', 'superseded'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface ProposalQueueFilter {
  status: ProposalStatus;
  kind?: string;
  competenceId?: string;
  municipalityCode?: string;
  /** YYYY-MM: proposals whose start window touches the month. */
  startMonth?: string;
  limit: number;
  offset: number;
}

export interface ProposalQueueItem {
  id: string;
  kind: 'joint_initiative' | 'new_initiative' | 'fill_initiative';
  status: ProposalStatus;
  title: string;
  venueMunicipality: string;
  startWindow: { from: string; to: string } | null;
  participants: number;
  employers: number;
  costPerParticipantSek: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProposalQueue {
  items: ProposalQueueItem[];
  total: number;
  /** Proposals per status under the other filters. */
  counts: Record<ProposalStatus, number>;
  /** Open proposals created or changed since the given moment. */
  changedSince: number;
  /** What the filters can choose from, within the caller's scope. */
  options: {
    competences: { id: string; label: string }[];
    municipalities: { code: string; name: string }[];
    months: string[];
  };
}

export interface Place {
  code: string;
  name: string;
  lat: number;
  lon: number;
}

export interface ContactView {
  name: string;
  email: string;
  phone: string | null;
}

export interface NeedSummary {
  needId: string;
  status: string;
  employer: { name: string; orgNumber: string; sizeBand: string };
  municipality: Place;
  title: string;
  description: string;
  participants: { total: number; women: number; men: number };
  earliestStart: string;
  latestEnd: string;
  deliveryModes: string[];
  maxTravelKm: number;
  maxCostPerParticipantSek: number | null;
  language: string;
  /** Null when the caller may not see contact details (regional staff) or they are erased. */
  contact: ContactView | null;
}

export interface ProposalDetail {
  proposal: ProposalView;
  competences: string[];
  theme: string;
  venue: Place;
  offering: {
    title: string;
    learningCentre: string;
    deliveryMode: string;
    language: string;
    minParticipants: number;
    maxParticipants: number;
    costFixedSek: number;
    costPerParticipantSek: number;
    durationDays: number;
  } | null;
  suggestedLearningCentre: string | null;
  /** For a fill: the planned initiative the needs would join, with the seats it holds now. */
  fills: { initiativeId: string; title: string; status: string; participants: number } | null;
  /** The needs of the proposal, each with its distance to the venue and participants in it. */
  members: (NeedSummary & { distanceKm: number | null; inCohort: number })[];
  leftOut: (NeedSummary & {
    cause: string;
    requiredValue: number | string | null;
  })[];
  /** The engine's "what would make it work" texts that are not about one need. */
  hints: string[];
  decision: {
    at: string;
    by: string | null;
    note: string | null;
    initiativeId: string | null;
  } | null;
}

export interface NeedDetail extends NeedSummary {
  competences: string[];
  createdAt: string;
  proposals: { id: string; title: string; status: string }[];
  initiatives: { id: string; title: string; status: string }[];
}

const NEED_SELECT = `
  SELECT n.id, n.status, n.title, n.description, n.participants_total, n.participants_women,
         n.participants_men, n.earliest_start::text AS earliest_start, n.latest_end::text AS latest_end,
         n.delivery_modes, n.max_travel_km, n.max_cost_per_participant_sek, n.language, n.created_at,
         n.county_code, e.name AS employer_name, e.org_number, e.size_band,
         m.code AS m_code, m.name AS m_name, m.lat, m.lon,
         c.name AS contact_name, c.email AS contact_email, c.phone AS contact_phone
    FROM need n JOIN employer e ON e.id = n.employer_id
    JOIN municipality m ON m.code = n.municipality_code
    LEFT JOIN contact c ON c.need_id = n.id`;

const actorOf = (user: AuthUser) => ({ id: user.id, email: user.email, role: user.role });
const mayReadContacts = (user: AuthUser) => user.role === 'broker' || user.role === 'admin';

/**
 * What the broker's pages read: the proposal queue with its counts and filter options, a
 * proposal with everything needed to decide it (course, employers and their contacts, left-out
 * needs by name, places), needs, and the audit of contact views and refused attempts.
 */
@Injectable()
export class BrokerWorkspaceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly proposals: ProposalQuery,
    private readonly audit: AuditService,
  ) {}

  /**
   * The queue in one statement: the caller's proposals are found once (through the
   * municipality indexes of proposal_need and proposal) and the counts, the "changed since",
   * the filter options and the page of items are all read from that set.
   */
  async queue(user: AuthUser, filter: ProposalQueueFilter, since?: Date): Promise<ProposalQueue> {
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const scope = scopeMunicipalities(user);
    // Only the columns the queue shows: the explanation (jsonb, often toasted) stays behind.
    const columns = `p.id, p.kind, p.status, p.competence_ids, p.start_window_from, p.start_window_to,
      p.created_at, p.updated_at, p.score, p.venue_municipality_code, p.offering_id,
      p.participants_total, p.employers, p.cost_per_participant_sek`;
    const scoped = scope
      ? `SELECT ${columns} FROM proposal p WHERE p.id IN (${touchingIds(bind(scope))})`
      : `SELECT ${columns} FROM proposal p`;
    const where: string[] = [];
    if (filter.kind) where.push(`s.kind = ${bind(filter.kind)}`);
    if (filter.competenceId) where.push(`${bind(filter.competenceId)} = ANY (s.competence_ids)`);
    if (filter.municipalityCode) {
      const code = bind(filter.municipalityCode);
      where.push(`(s.venue_municipality_code = ${code}::bpchar OR EXISTS (
        SELECT 1 FROM proposal_need x WHERE x.proposal_id = s.id AND x.municipality_code = ${code}::bpchar))`);
    }
    if (filter.startMonth) {
      const month = bind(`${filter.startMonth}-01`);
      where.push(
        `s.start_window_from < (${month}::date + interval '1 month') AND s.start_window_to >= ${month}::date`,
      );
    }
    const filtered = where.length ? where.join(' AND ') : 'true';
    const status = bind(filter.status);
    const changedSince = since ? bind(since) : null;
    const municipalities = scope
      ? `SELECT code, name FROM municipality WHERE code = ANY (${bind(scope)}::bpchar[])`
      : `SELECT m.code, m.name FROM municipality m WHERE m.code IN (SELECT venue_municipality_code FROM s)`;
    const [row] = await this.db.query(
      `WITH s AS MATERIALIZED (${scoped}),
            f AS ${where.length ? 'MATERIALIZED' : 'NOT MATERIALIZED'} (SELECT * FROM s WHERE ${filtered}),
            page AS (
              SELECT f.id, f.kind, f.status, f.participants_total, f.employers, f.cost_per_participant_sek,
                     f.start_window_from::text AS wf, f.start_window_to::text AS wt, f.created_at, f.updated_at,
                     f.offering_id, f.competence_ids, f.venue_municipality_code, f.score
                FROM f WHERE f.status = ${status}
               ORDER BY f.created_at DESC, f.score DESC, f.id
               LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset)})
       SELECT
         (SELECT coalesce(json_object_agg(status, n), '{}') FROM
            (SELECT status, count(*)::int AS n FROM f GROUP BY status) c) AS counts,
         ${changedSince ? `(SELECT count(*)::int FROM s WHERE s.status = 'open' AND s.updated_at > ${changedSince})` : '0'} AS changed,
         (SELECT coalesce(json_agg(json_build_object('id', c.id, 'label', c.label) ORDER BY c.label), '[]')
            FROM competence c WHERE c.id IN (SELECT unnest(s.competence_ids) FROM s)) AS competences,
         (SELECT coalesce(json_agg(month ORDER BY month), '[]') FROM
            (SELECT DISTINCT to_char(s.start_window_from, 'YYYY-MM') AS month FROM s
              WHERE s.start_window_from IS NOT NULL) mo) AS months,
         (SELECT coalesce(json_agg(json_build_object('code', trim(mu.code), 'name', mu.name) ORDER BY mu.name), '[]')
            FROM (${municipalities}) mu) AS municipalities,
         (SELECT coalesce(json_agg(json_build_object(
                   'id', pg.id, 'kind', pg.kind, 'status', pg.status, 'participants', pg.participants_total,
                   'employers', pg.employers, 'cost', pg.cost_per_participant_sek, 'wf', pg.wf, 'wt', pg.wt,
                   'createdAt', pg.created_at, 'updatedAt', pg.updated_at, 'venue', m.name,
                   'title', COALESCE(o.title, (SELECT 'Ny utbildning: ' || string_agg(c.label, ', ' ORDER BY c.label)
                                                 FROM competence c WHERE c.id = ANY (pg.competence_ids))))
                   ORDER BY pg.created_at DESC, pg.score DESC, pg.id), '[]')
            FROM page pg
            JOIN municipality m ON m.code = pg.venue_municipality_code
            LEFT JOIN offering o ON o.id = pg.offering_id) AS items`,
      params,
    );
    const counts = Object.fromEntries(
      PROPOSAL_STATUSES.map((s) => [s, Number(row.counts[s] ?? 0)]),
    ) as Record<ProposalStatus, number>;
    return {
      items: (row.items as Record<string, unknown>[]).map((r): ProposalQueueItem => ({
        id: r.id as string,
        kind: r.kind as ProposalQueueItem['kind'],
        status: r.status as ProposalStatus,
        title: (r.title as string | null) ?? 'Ny utbildning',
        venueMunicipality: r.venue as string,
        startWindow: r.wf ? { from: r.wf as string, to: r.wt as string } : null,
        participants: r.participants as number,
        employers: r.employers as number,
        costPerParticipantSek: r.cost === null ? null : Number(r.cost),
        createdAt: new Date(r.createdAt as string).toISOString(),
        updatedAt: new Date(r.updatedAt as string).toISOString(),
      })),
      total: counts[filter.status],
      counts,
      changedSince: row.changed,
      options: {
        competences: row.competences,
        months: row.months,
        municipalities: row.municipalities,
      },
    };
  }

  /**
   * A proposal as a broker decides it. Showing the employers' contact details is written to
   * the audit log (one entry per need), so an employer's data export tells who looked.
   */
  async proposal(user: AuthUser, id: string): Promise<ProposalDetail> {
    const proposal = await this.proposals.get(id);
    assertTouches(
      user,
      [proposal.venueMunicipalityCode, ...proposal.needs.map((n) => n.municipalityCode)],
      'proposal',
    );
    const explanation = readExplanation(proposal.explanation);
    const memberIds = proposal.needs.map((n) => n.needId);
    const leftOutIds = explanation.leftOut
      .map((l) => l.needId)
      .filter((n) => !memberIds.includes(n));
    const [needs, extra] = await Promise.all([
      this.needSummaries(user, [...memberIds, ...leftOutIds]),
      this.db.query(
        `SELECT p.theme, m.code AS m_code, m.name AS m_name, m.lat, m.lon,
                ca.label AS theme_label, slc.name AS suggested,
                o.title, o.delivery_mode, o.language, o.min_participants, o.max_participants,
                o.cost_fixed_sek, o.cost_per_participant_sek, o.duration_days, olc.name AS offering_centre,
                p.decided_at, u.email AS decided_by, p.decision_note,
                coalesce(p.initiative_id, (SELECT i.id FROM initiative i WHERE i.proposal_id = p.id ORDER BY i.created_at DESC LIMIT 1)) AS initiative_id,
                fi.title AS fill_title, fi.status AS fill_status, fi.participants_total AS fill_participants,
                (SELECT array_agg(c.label ORDER BY c.label) FROM competence c WHERE c.id = ANY (p.competence_ids)) AS competences
           FROM proposal p
           JOIN municipality m ON m.code = p.venue_municipality_code
           LEFT JOIN competence_area ca ON ca.id = p.theme
           LEFT JOIN learning_centre slc ON slc.id = p.suggested_learning_centre_id
           LEFT JOIN offering o ON o.id = p.offering_id
           LEFT JOIN learning_centre olc ON olc.id = o.learning_centre_id
           LEFT JOIN app_user u ON u.id = p.decided_by
           LEFT JOIN initiative fi ON fi.id = p.initiative_id
          WHERE p.id = $1`,
        [id],
      ),
    ]);
    const row = extra[0];
    const byId = new Map(needs.map((n) => [n.needId, n]));
    const members = proposal.needs.flatMap((n) => {
      const need = byId.get(n.needId);
      return need ? [{ ...need, distanceKm: n.distanceKm, inCohort: n.participants }] : [];
    });
    const leftOut = explanation.leftOut.flatMap((l) => {
      const need = byId.get(l.needId);
      if (!need || memberIds.includes(l.needId)) return [];
      const hint = explanation.whatIf.find(
        (h) => h.kind === 'relax_constraint' && h.needId === l.needId,
      );
      return [{ ...need, cause: l.cause, requiredValue: hint?.requiredValue ?? null }];
    });
    await this.recordContactViews(
      user,
      members.filter((m) => m.contact).map((m) => m.needId),
      { proposalId: id },
    );
    return {
      proposal,
      competences: row.competences ?? [],
      theme: row.theme_label ?? UNKNOWN_THEME_SV,
      venue: place(row),
      offering: row.title
        ? {
            title: row.title,
            learningCentre: row.offering_centre,
            deliveryMode: row.delivery_mode,
            language: row.language,
            minParticipants: row.min_participants,
            maxParticipants: row.max_participants,
            costFixedSek: row.cost_fixed_sek,
            costPerParticipantSek: row.cost_per_participant_sek,
            durationDays: row.duration_days,
          }
        : null,
      suggestedLearningCentre: row.suggested,
      fills: proposal.initiativeId
        ? {
            initiativeId: proposal.initiativeId,
            title: row.fill_title,
            status: row.fill_status,
            participants: row.fill_participants,
          }
        : null,
      members,
      leftOut,
      hints: explanation.whatIf
        .filter((h) => h.kind === 'more_participants')
        .map((h) => h.text)
        .filter((t): t is string => typeof t === 'string'),
      decision: row.decided_at
        ? {
            at: new Date(row.decided_at).toISOString(),
            by: row.decided_by,
            note: row.decision_note,
            initiativeId: row.initiative_id,
          }
        : null,
    };
  }

  /**
   * One need in the caller's scope: a broker's municipalities (or a proposal touching them), a regional
   * official's county (without contact details), everything for an admin. Contact views are
   * audited.
   */
  async need(user: AuthUser, id: string, via: string): Promise<NeedDetail> {
    const [summary] = await this.needSummaries(user, [id]);
    if (!summary) throw new NotFoundError('Need', id);
    await this.assertNeedInScope(user, id, summary);
    const [extra] = await this.db.query(
      `SELECT n.created_at,
              (SELECT array_agg(c.label ORDER BY c.label) FROM need_competence nc
                 JOIN competence c ON c.id = nc.competence_id WHERE nc.need_id = n.id) AS competences,
              (SELECT json_agg(json_build_object('id', p.id, 'status', p.status,
                      'title', COALESCE(o.title, 'Ny utbildning')) ORDER BY p.created_at DESC)
                 FROM proposal_need pn JOIN proposal p ON p.id = pn.proposal_id
                 LEFT JOIN offering o ON o.id = p.offering_id WHERE pn.need_id = n.id) AS proposals,
              (SELECT json_agg(json_build_object('id', i.id, 'status', i.status, 'title', i.title)
                      ORDER BY i.created_at DESC)
                 FROM initiative_need ino JOIN initiative i ON i.id = ino.initiative_id
                WHERE ino.need_id = n.id) AS initiatives
         FROM need n WHERE n.id = $1`,
      [id],
    );
    if (summary.contact) await this.recordContactViews(user, [id], { via });
    return {
      ...summary,
      competences: extra.competences ?? [],
      createdAt: new Date(extra.created_at).toISOString(),
      proposals: extra.proposals ?? [],
      initiatives: extra.initiatives ?? [],
    };
  }

  /** Municipality names and seat coordinates, for pages that name or draw places. */
  async places(codes: string[]): Promise<Map<string, Place>> {
    const rows = await this.db.query(
      `SELECT code AS m_code, name AS m_name, lat, lon FROM municipality WHERE code = ANY ($1)`,
      [[...new Set(codes)]],
    );
    return new Map(rows.map((r: Record<string, unknown>) => [String(r.m_code).trim(), place(r)]));
  }

  async learningCentreName(id: string | null): Promise<string | null> {
    if (!id) return null;
    const [row] = await this.db.query(`SELECT name FROM learning_centre WHERE id = $1`, [id]);
    return row?.name ?? null;
  }

  /** An attempt the pages refused (forged form, another region, a stale decision), for the audit log. */
  async recordRefusal(
    user: AuthUser | undefined,
    action: string,
    entityType: string,
    entityId: string,
    reason: string,
  ): Promise<void> {
    await this.audit.record(this.db.manager, {
      actor: user ? actorOf(user) : null,
      action: `${action}.refused`,
      entityType,
      entityId: entityId.slice(0, 200),
      after: { reason },
    });
  }

  private async assertNeedInScope(user: AuthUser, id: string, need: NeedSummary): Promise<void> {
    if (user.role === 'admin') return;
    if (user.role === 'regional') {
      if (need.municipality.code.slice(0, 2) !== user.countyCode) throw new OutOfScopeError('need');
      return;
    }
    if (user.municipalityCodes.includes(need.municipality.code)) return;
    // A need of a neighbouring municipality is the broker's too once it is pooled into a cohort
    // with the broker's employers or at one of its venues: the proposal page shows it already.
    const [row] = await this.db.query(
      `SELECT 1 FROM proposal_need pn JOIN proposal p ON p.id = pn.proposal_id
        WHERE pn.need_id = $1 AND ${touches('$2')} LIMIT 1`,
      [id, user.municipalityCodes],
    );
    if (!row) throw new OutOfScopeError('need');
  }

  private async needSummaries(user: AuthUser, ids: string[]): Promise<NeedSummary[]> {
    if (ids.length === 0) return [];
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (valid.length === 0) return [];
    const rows = await this.db.query(`${NEED_SELECT} WHERE n.id = ANY ($1::uuid[])`, [valid]);
    const contacts = mayReadContacts(user);
    return rows.map((r: Record<string, unknown>): NeedSummary => ({
      needId: r.id as string,
      status: r.status as string,
      employer: {
        name: r.employer_name as string,
        orgNumber: r.org_number as string,
        sizeBand: r.size_band as string,
      },
      municipality: place(r),
      title: r.title as string,
      description: r.description as string,
      participants: {
        total: r.participants_total as number,
        women: r.participants_women as number,
        men: r.participants_men as number,
      },
      earliestStart: r.earliest_start as string,
      latestEnd: r.latest_end as string,
      deliveryModes: r.delivery_modes as string[],
      maxTravelKm: r.max_travel_km as number,
      maxCostPerParticipantSek: r.max_cost_per_participant_sek as number | null,
      language: r.language as string,
      contact:
        contacts && r.contact_name
          ? {
              name: r.contact_name as string,
              email: r.contact_email as string,
              phone: (r.contact_phone as string | null) ?? null,
            }
          : null,
    }));
  }

  private async recordContactViews(
    user: AuthUser,
    needIds: string[],
    context: Record<string, string>,
  ): Promise<void> {
    if (needIds.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const needId of needIds) {
        await this.audit.record(tx, {
          actor: actorOf(user),
          action: 'need.contact.view',
          entityType: 'need',
          entityId: needId,
          after: context,
        });
      }
    });
  }
}

/**
 * Ids of the proposals touching the municipalities (by venue or by any employer), read through
 * the municipality indexes: a broker's queue starts from these few thousand, not from them all.
 */
const touchingIds = (param: string) =>
  `SELECT x.proposal_id FROM proposal_need x WHERE x.municipality_code = ANY (${param}::bpchar[])
   UNION SELECT v.id FROM proposal v WHERE v.venue_municipality_code = ANY (${param}::bpchar[])`;

const touches = (param: string) =>
  `(p.venue_municipality_code = ANY (${param}::bpchar[]) OR EXISTS (
      SELECT 1 FROM proposal_need x WHERE x.proposal_id = p.id AND x.municipality_code = ANY (${param}::bpchar[])))`;

function place(r: Record<string, unknown>): Place {
  return {
    code: String(r.m_code).trim(),
    name: r.m_name as string,
    lat: Number(r.lat),
    lon: Number(r.lon),
  };
}

interface StoredExplanation {
  leftOut: { needId: string; cause: string }[];
  whatIf: {
    kind: string;
    needId?: string;
    requiredValue?: number | string;
    text?: string;
  }[];
}

/** The stored explanation, tolerant of older or partial rows. */
function readExplanation(value: unknown): StoredExplanation {
  const e = (value ?? {}) as Partial<StoredExplanation>;
  return {
    leftOut: Array.isArray(e.leftOut) ? e.leftOut.filter((l) => typeof l?.needId === 'string') : [],
    whatIf: Array.isArray(e.whatIf) ? e.whatIf.filter((h) => typeof h?.kind === 'string') : [],
  };
}
