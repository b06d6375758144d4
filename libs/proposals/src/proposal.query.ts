import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '@km/common';
import { needIdsIn, scopeExplanation } from './explanation.scope';

export interface ProposalFilter {
  status?: string;
  kind?: string;
  countyCode?: string;
  competenceId?: string;
  /** Only proposals touching these municipalities (by venue or by any employer); undefined = all. */
  municipalityCodes?: string[];
  /** Only proposals on this offering. */
  offeringId?: string;
  /**
   * A provider's scope: proposals on its centre's offerings and new_initiative proposals
   * addressed to its centre (instead of a municipality scope).
   */
  providerLearningCentreId?: string;
  /** Whose municipalities the explanations are cut to (default: municipalityCodes). */
  explanationMunicipalityCodes?: string[];
  limit: number;
  offset: number;
}

export interface ProposalView {
  id: string;
  kind: string;
  status: string;
  score: number;
  countyCode: string;
  offering: { id: string; title: string; learningCentreId: string } | null;
  /** For `fill_initiative`: the planned initiative whose free seats the needs would take. */
  initiativeId: string | null;
  startWindow: { from: string; to: string } | null;
  startDate: string | null;
  venueMunicipalityCode: string;
  needs: {
    needId: string;
    /** The need's human reference (KB-2026-00123), as the employer quotes it on the phone. */
    reference: string;
    /** "Annan kompetens": what the employer asked for beyond the listed competences. */
    otherCompetence: string | null;
    employerName: string;
    municipalityCode: string;
    participants: number;
    distanceKm: number | null;
  }[];
  participants: { total: number; women: number; men: number };
  employers: number;
  costPerParticipantSek: number | null;
  suggestedLearningCentreId: string | null;
  competenceIds: string[];
  theme: string;
  /** Employers (or employers and venue) in more than one county: a pool across the border. */
  crossBorder: boolean;
  /**
   * The learning centre that runs the course (the offering's, or the suggested one of a new
   * course): across a border its brokers decide, the others read.
   */
  decider: { learningCentreId: string; name: string } | null;
  explanation: unknown;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `
  SELECT p.id, p.kind, p.status, p.score, p.county_code AS "countyCode",
         p.offering_id AS "offeringId", p.initiative_id AS "initiativeId", o.title AS "offeringTitle", o.learning_centre_id AS "offeringLearningCentreId",
         p.start_window_from::text AS "startWindowFrom", p.start_window_to::text AS "startWindowTo",
         p.start_date::text AS "startDate", p.venue_municipality_code AS "venueMunicipalityCode",
         p.participants_total, p.participants_women, p.participants_men, p.employers,
         p.cost_per_participant_sek AS "costPerParticipantSek", p.suggested_learning_centre_id AS "suggestedLearningCentreId",
         p.competence_ids AS "competenceIds", p.theme, p.explanation, p.created_at AS "createdAt", p.updated_at AS "updatedAt",
         (SELECT json_agg(json_build_object('needId', pn.need_id, 'employerName', pn.employer_name,
                 'municipalityCode', pn.municipality_code, 'participants', pn.participants_total,
                 'distanceKm', pn.distance_km, 'reference', n.reference,
                 'otherCompetence', n.other_competence) ORDER BY pn.employer_name, pn.need_id)
            FROM proposal_need pn JOIN need n ON n.id = pn.need_id
           WHERE pn.proposal_id = p.id) AS needs
           , dlc.id AS "deciderId", dlc.name AS "deciderName"
    FROM proposal p LEFT JOIN offering o ON o.id = p.offering_id
    LEFT JOIN learning_centre dlc ON dlc.id = coalesce(o.learning_centre_id, p.suggested_learning_centre_id)`;

/** Proposals on the centre's own offerings, and new courses the matcher asks the centre for. */
const PROVIDER_SCOPE = (lc: string) =>
  `o.learning_centre_id = ${lc} OR (p.kind = 'new_initiative' AND p.suggested_learning_centre_id = ${lc})`;

/** Read side of proposals for the admin API. */
@Injectable()
export class ProposalQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(filter: ProposalFilter): Promise<{ items: ProposalView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.status) add('p.status = ?', filter.status);
    if (filter.kind) add('p.kind = ?', filter.kind);
    if (filter.countyCode) add('p.county_code = ?', filter.countyCode);
    if (filter.competenceId) add('? = ANY (p.competence_ids)', filter.competenceId);
    if (filter.offeringId) add('p.offering_id = ?', filter.offeringId);
    if (filter.providerLearningCentreId !== undefined) {
      params.push(filter.providerLearningCentreId);
      where.push(`(${PROVIDER_SCOPE(`$${params.length}`)})`);
    }
    if (filter.municipalityCodes) {
      params.push(filter.municipalityCodes);
      const n = `$${params.length}::bpchar[]`;
      where.push(
        `(p.venue_municipality_code = ANY (${n}) OR EXISTS (SELECT 1 FROM proposal_need x WHERE x.proposal_id = p.id AND x.municipality_code = ANY (${n})))`,
      );
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM proposal p LEFT JOIN offering o ON o.id = p.offering_id ${clause}`,
      params,
    );
    const rows = await this.db.query(
      `${SELECT} ${clause} ORDER BY p.score DESC, p.id LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset)}`,
      params,
    );
    const items = rows.map(mapProposal);
    const explanationScope = filter.explanationMunicipalityCodes ?? filter.municipalityCodes;
    return { items: await this.scoped(items, explanationScope), total };
  }

  /**
   * @param municipalityCodes the caller's scope (undefined = all): the explanation keeps only
   * what lies inside it.
   */
  async get(id: string, municipalityCodes?: string[]): Promise<ProposalView> {
    const rows = await this.db.query(`${SELECT} WHERE p.id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundError('Proposal', id);
    const [view] = await this.scoped([mapProposal(rows[0])], municipalityCodes);
    return view;
  }

  /** Filters each proposal's explanation to the caller's municipalities (lists included). */
  private async scoped(
    views: ProposalView[],
    municipalityCodes?: string[],
  ): Promise<ProposalView[]> {
    if (!municipalityCodes) return views;
    const ids = [...new Set(views.flatMap((v) => needIdsIn(v.explanation)))];
    const rows: { id: string; code: string }[] = ids.length
      ? await this.db.query(
          `SELECT id::text, municipality_code AS code FROM need WHERE id::text = ANY ($1::text[])`,
          [ids],
        )
      : [];
    const where = new Map(rows.map((r) => [r.id, r.code.trim()]));
    const inScope = new Set(municipalityCodes);
    return views.map((v) => ({
      ...v,
      explanation: scopeExplanation(v.explanation, inScope, where),
    }));
  }

  /** True when the proposal lies in a provider's scope (see ProposalFilter); false if unknown. */
  async inProviderScope(id: string, learningCentreId: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM proposal p LEFT JOIN offering o ON o.id = p.offering_id
        WHERE p.id = $1 AND ${PROVIDER_SCOPE('$2')}`,
      [id, learningCentreId],
    );
    return rows.length > 0;
  }

  /** The municipalities a proposal touches: its venue and every employer's. */
  async municipalitiesOf(id: string): Promise<string[]> {
    const rows: { code: string }[] = await this.db.query(
      `SELECT venue_municipality_code AS code FROM proposal WHERE id = $1
       UNION SELECT municipality_code FROM proposal_need WHERE proposal_id = $1`,
      [id],
    );
    return rows.map((r) => r.code.trim());
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function mapProposal(row: any): ProposalView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    score: Number(row.score),
    countyCode: row.countyCode.trim(),
    offering: row.offeringId
      ? {
          id: row.offeringId,
          title: row.offeringTitle,
          learningCentreId: row.offeringLearningCentreId,
        }
      : null,
    initiativeId: row.initiativeId ?? null,
    startWindow: row.startWindowFrom ? { from: row.startWindowFrom, to: row.startWindowTo } : null,
    startDate: row.startDate,
    venueMunicipalityCode: row.venueMunicipalityCode.trim(),
    needs: (row.needs ?? []).map((n: ProposalView['needs'][number]) => ({
      ...n,
      municipalityCode: n.municipalityCode.trim(),
    })),
    participants: {
      total: row.participants_total,
      women: row.participants_women,
      men: row.participants_men,
    },
    employers: row.employers,
    costPerParticipantSek:
      row.costPerParticipantSek === null ? null : Number(row.costPerParticipantSek),
    suggestedLearningCentreId: row.suggestedLearningCentreId,
    competenceIds: row.competenceIds,
    theme: row.theme,
    crossBorder: isCrossBorder(
      row.venueMunicipalityCode.trim(),
      (row.needs ?? []).map((n: { municipalityCode: string }) => n.municipalityCode.trim()),
    ),
    decider: row.deciderId ? { learningCentreId: row.deciderId, name: row.deciderName } : null,
    explanation: row.explanation,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** Municipality codes begin with their county's code: more than one county is a border pool. */
export function isCrossBorder(venueMunicipalityCode: string, needMunicipalityCodes: string[]) {
  const counties = new Set(needMunicipalityCodes.map((code) => code.slice(0, 2)));
  counties.add(venueMunicipalityCode.slice(0, 2));
  return counties.size > 1;
}
