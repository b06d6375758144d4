import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@km/audit';
import { AuthUser } from '@km/auth';
import { NotFoundError } from '@km/common';
import { ProposalQuery, ProposalView } from '@km/proposals';
import { OutOfScopeError } from './broker.errors';
import { InitiativesService, InitiativeView } from './initiatives.service';

/** How much each of a provider's offerings is used right now. */
export interface OfferingUse {
  offeringId: string;
  openProposals: number;
  /** Planned or running initiatives. */
  liveInitiatives: number;
}

/** An employer of an approved initiative and the person to call there. */
export interface EmployerContact {
  needId: string;
  employerName: string;
  name: string;
  email: string;
  phone: string | null;
}

/** A group of demand nobody offers a course for, near a provider. */
export interface DemandRow {
  /** The open new_initiative proposal it comes from, or null for unmet needs not yet proposed. */
  proposalId: string | null;
  competenceId: string;
  competenceLabel: string;
  municipalityCode: string;
  municipalityName: string;
  participants: number;
  employers: number;
  /** The span the employers want the course in (earliest start, latest end). */
  from: string;
  to: string;
}

export interface ProviderProposalFilter {
  offeringId?: string;
  kind?: string;
  status?: string;
  limit: number;
  offset: number;
}

const actorOf = (user: AuthUser) => ({ id: user.id, email: user.email, role: user.role });

/**
 * The provider's side (Utbudsvyn): where its own offerings are used and the demand near it that
 * no course meets. A provider reads proposals on its centre's offerings and new_initiative
 * proposals addressed to its centre; employer contacts only of approved initiatives (audited).
 */
@Injectable()
export class ProviderWorkspaceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly proposals: ProposalQuery,
    private readonly initiatives: InitiativesService,
    private readonly audit: AuditService,
  ) {}

  /**
   * 404 for an unknown offering, 403 for another centre's (withdrawn ones count: their
   * proposals and initiatives stay readable to the centre that made them).
   */
  async assertOwnOffering(user: AuthUser, offeringId: string): Promise<void> {
    const rows: { learning_centre_id: string }[] = await this.db.query(
      `SELECT learning_centre_id FROM offering WHERE id::text = $1`,
      [offeringId],
    );
    if (rows.length === 0) throw new NotFoundError('Offering', offeringId);
    if (user.role === 'admin') return;
    if (user.role !== 'provider' || rows[0].learning_centre_id !== user.learningCentreId) {
      throw new OutOfScopeError('offering');
    }
  }

  async proposalList(
    user: AuthUser,
    filter: ProviderProposalFilter,
  ): Promise<{ items: ProposalView[]; total: number }> {
    if (filter.offeringId) await this.assertOwnOffering(user, filter.offeringId);
    return this.proposals.list({
      ...filter,
      providerLearningCentreId: user.learningCentreId ?? '',
      explanationMunicipalityCodes: user.municipalityCodes,
    });
  }

  async proposal(user: AuthUser, id: string): Promise<ProposalView> {
    if (!(await this.proposals.inProviderScope(id, user.learningCentreId ?? ''))) {
      const exists = await this.db.query(`SELECT 1 FROM proposal WHERE id = $1`, [id]);
      if (exists.length === 0) throw new NotFoundError('Proposal', id);
      throw new OutOfScopeError('proposal');
    }
    return this.proposals.get(id, user.municipalityCodes);
  }

  async initiativeList(
    user: AuthUser,
    filter: { offeringId?: string; status?: string; limit: number; offset: number },
  ): Promise<{ items: InitiativeView[]; total: number }> {
    if (filter.offeringId) await this.assertOwnOffering(user, filter.offeringId);
    return this.initiatives.list(user, filter);
  }

  /** Open proposals and live initiatives per offering (of the given ids, in the caller's scope). */
  async use(user: AuthUser, offeringIds: string[]): Promise<Map<string, OfferingUse>> {
    if (offeringIds.length === 0) return new Map();
    const rows: OfferingUse[] = await this.db.query(
      `SELECT o.id AS "offeringId",
              (SELECT count(*)::int FROM proposal p
                WHERE p.offering_id = o.id AND p.status = 'open') AS "openProposals",
              (SELECT count(*)::int FROM initiative i
                WHERE i.offering_id = o.id AND i.status IN ('planned', 'running')) AS "liveInitiatives"
         FROM offering o
        WHERE o.id = ANY ($1::uuid[]) AND ($2::text IS NULL OR o.learning_centre_id = $2)`,
      [offeringIds, user.role === 'admin' ? null : (user.learningCentreId ?? '')],
    );
    return new Map(rows.map((r) => [r.offeringId, r]));
  }

  /**
   * The employers' contact persons of an initiative on the caller's offering, once approved
   * (every initiative is); committed needs only. Each read is written to the audit log.
   */
  async employerContacts(user: AuthUser, initiativeId: string): Promise<EmployerContact[]> {
    await this.initiatives.get(user, initiativeId);
    const contacts: EmployerContact[] = await this.db.query(
      `SELECT n.id AS "needId", e.name AS "employerName", c.name, c.email, c.phone
         FROM initiative_need ino
         JOIN need n ON n.id = ino.need_id
         JOIN employer e ON e.id = n.employer_id
         JOIN contact c ON c.need_id = n.id
        WHERE ino.initiative_id = $1 AND ino.committed
        ORDER BY e.name, n.id`,
      [initiativeId],
    );
    if (contacts.length) {
      await this.audit.record(this.db.manager, {
        actor: actorOf(user),
        action: 'initiative.contacts.read',
        entityType: 'initiative',
        entityId: initiativeId,
        after: { needIds: contacts.map((c) => c.needId), via: 'provider' },
      });
    }
    return contacts;
  }

  /**
   * Demand without a course near the provider: open new_initiative proposals addressed to its
   * centre, then unmet needs in its municipalities that no proposal holds yet, grouped by
   * competence and municipality. Largest first.
   */
  async demand(user: AuthUser): Promise<DemandRow[]> {
    const centre = user.learningCentreId ?? '';
    const proposed: DemandRow[] = await this.db.query(
      `SELECT p.id AS "proposalId", c.id AS "competenceId", c.label AS "competenceLabel",
              p.venue_municipality_code::text AS "municipalityCode", m.name AS "municipalityName",
              p.participants_total AS participants, p.employers,
              coalesce(p.start_window_from, min(n.earliest_start))::text AS "from",
              coalesce(p.start_window_to, max(n.latest_end))::text AS "to"
         FROM proposal p
         JOIN municipality m ON m.code = p.venue_municipality_code
         JOIN competence c ON c.id = p.competence_ids[1]
         LEFT JOIN proposal_need pn ON pn.proposal_id = p.id
         LEFT JOIN need n ON n.id = pn.need_id
        WHERE p.kind = 'new_initiative' AND p.status = 'open'
          AND p.suggested_learning_centre_id = $1
        GROUP BY p.id, c.id, c.label, m.name
        ORDER BY p.participants_total DESC, p.id
        LIMIT 50`,
      [centre],
    );
    const unmet: DemandRow[] = await this.db.query(
      `SELECT NULL AS "proposalId", c.id AS "competenceId", c.label AS "competenceLabel",
              n.municipality_code::text AS "municipalityCode", m.name AS "municipalityName",
              sum(n.participants_total)::int AS participants,
              count(DISTINCT n.employer_id)::int AS employers,
              min(n.earliest_start)::text AS "from", max(n.latest_end)::text AS "to"
         FROM need n
         JOIN need_competence nc ON nc.need_id = n.id
         JOIN competence c ON c.id = nc.competence_id
         JOIN municipality m ON m.code = n.municipality_code
         JOIN learning_centre_municipality lcm
           ON lcm.municipality_code = n.municipality_code AND lcm.learning_centre_id = $1
        WHERE n.status = 'unmet'
          AND NOT EXISTS (SELECT 1 FROM proposal_need pn JOIN proposal p ON p.id = pn.proposal_id
                           WHERE pn.need_id = n.id AND p.status = 'open')
        GROUP BY c.id, c.label, n.municipality_code, m.name
        ORDER BY participants DESC, c.label, n.municipality_code
        LIMIT 50`,
      [centre],
    );
    return [...proposed, ...unmet].map((row) => ({
      ...row,
      municipalityCode: row.municipalityCode.trim(),
    }));
  }
}
