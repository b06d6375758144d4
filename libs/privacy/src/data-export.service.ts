import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService, AuditView } from '@km/audit';
import { NotFoundError } from '@km/common';
import { hashTrackingToken, isWellFormedTrackingToken, OrganisationNumber } from '@km/needs';

export interface EmployerRecord {
  id: string;
  orgNumber: string;
  name: string;
  municipalityCode: string;
  sniSection: string;
  employees: number;
  sizeBand: string;
  createdAt: string;
  updatedAt: string;
}

export interface NeedRecord {
  id: string;
  status: string;
  title: string;
  description: string;
  municipalityCode: string;
  countyCode: string;
  participants: { total: number; women: number; men: number };
  earliestStart: string;
  latestEnd: string;
  deliveryModes: string[];
  maxTravelKm: number;
  maxCostPerParticipantSek: number | null;
  language: string;
  createdAt: string;
  updatedAt: string;
  withdrawnAt: string | null;
  competences: { id: string; label: string }[];
  /** The contact person; null once erased (withdrawal or retention). */
  contact: { name: string; email: string; phone: string | null; createdAt: string } | null;
  /** E-mails written to the contact, as stored. */
  notifications: {
    id: string;
    template: string;
    recipient: string;
    subject: string;
    body: string;
    status: string;
    createdAt: string;
    sentAt: string | null;
  }[];
  /** Whether a sealed copy of the tracking token is kept for e-mail links (never exported). */
  trackingLinkStored: boolean;
  proposals: { proposalId: string; kind: string; status: string; createdAt: string }[];
  /** That an offering was ruled out for the need; the broker's reason is a staff-only note. */
  rejections: { offeringId: string; rejectedAt: string }[];
  /** The employer details as this need's submitter gave them (stored employer facts may differ). */
  submittedEmployer: {
    name: string;
    municipalityCode: string;
    sniSection: string;
    employees: number;
    sizeBand: string;
  } | null;
  initiatives: { initiativeId: string; title: string; status: string; committed: boolean }[];
}

/**
 * An audit entry as exported: what was done, to which of the subject's records, when and by what
 * kind of staff member. Not the recorded states: they hold staff-only notes (approval notes,
 * rejection reasons) and the ids of other employers' needs pooled in the same decision.
 */
export type AuditRecord = Pick<
  AuditView,
  'id' | 'action' | 'entityType' | 'entityId' | 'createdAt'
> & {
  actorRole: string | null;
};

export interface EmployerDataExport {
  exportedAt: string;
  employer: EmployerRecord;
  needs: NeedRecord[];
  auditEntries: AuditRecord[];
}

export interface NeedDataExport {
  exportedAt: string;
  employer: EmployerRecord;
  need: NeedRecord;
  auditEntries: AuditRecord[];
}

/** A timestamp as JSON writes it (ISO 8601 with offset), like those inside the json_build_object()s. */
const iso = (column: string) => `to_json(${column}) #>> '{}'`;

const SELECT_EMPLOYER = `
  SELECT id, org_number AS "orgNumber", name, municipality_code AS "municipalityCode",
         sni_section AS "sniSection", employees, size_band AS "sizeBand",
         ${iso('created_at')} AS "createdAt", ${iso('updated_at')} AS "updatedAt"
    FROM employer`;

const SELECT_NEEDS = `
  SELECT n.id, n.status, n.title, n.description, n.municipality_code AS "municipalityCode",
         n.county_code AS "countyCode",
         json_build_object('total', n.participants_total, 'women', n.participants_women,
                           'men', n.participants_men) AS participants,
         n.earliest_start::text AS "earliestStart", n.latest_end::text AS "latestEnd",
         n.delivery_modes AS "deliveryModes", n.max_travel_km AS "maxTravelKm",
         n.max_cost_per_participant_sek AS "maxCostPerParticipantSek", n.language,
         ${iso('n.created_at')} AS "createdAt", ${iso('n.updated_at')} AS "updatedAt",
         ${iso('n.withdrawn_at')} AS "withdrawnAt",
         (SELECT coalesce(json_agg(json_build_object('id', c.id, 'label', c.label) ORDER BY c.label), '[]')
            FROM need_competence nc JOIN competence c ON c.id = nc.competence_id
           WHERE nc.need_id = n.id) AS competences,
         (SELECT json_build_object('name', ct.name, 'email', ct.email, 'phone', ct.phone,
                                   'createdAt', ct.created_at)
            FROM contact ct WHERE ct.need_id = n.id) AS contact,
         (SELECT coalesce(json_agg(json_build_object('id', nt.id, 'template', nt.template,
                   'recipient', nt.recipient, 'subject', nt.subject, 'body', nt.body,
                   'status', nt.status, 'createdAt', nt.created_at, 'sentAt', nt.sent_at)
                   ORDER BY nt.created_at, nt.id), '[]')
            FROM notification nt WHERE nt.need_id = n.id) AS notifications,
         EXISTS (SELECT 1 FROM need_tracking_link l WHERE l.need_id = n.id) AS "trackingLinkStored",
         (SELECT coalesce(json_agg(json_build_object('proposalId', p.id, 'kind', p.kind,
                   'status', p.status, 'createdAt', p.created_at) ORDER BY p.created_at, p.id), '[]')
            FROM proposal_need pn JOIN proposal p ON p.id = pn.proposal_id
           WHERE pn.need_id = n.id) AS proposals,
         n.submitted_employer AS "submittedEmployer",
         (SELECT coalesce(json_agg(json_build_object('offeringId', r.offering_id,
                   'rejectedAt', r.rejected_at) ORDER BY r.rejected_at), '[]')
            FROM rejected_pair r WHERE r.need_id = n.id) AS rejections,
         (SELECT coalesce(json_agg(json_build_object('initiativeId', i.id, 'title', i.title,
                   'status', i.status, 'committed', ino.committed) ORDER BY i.created_at), '[]')
            FROM initiative_need ino JOIN initiative i ON i.id = ino.initiative_id
           WHERE ino.need_id = n.id) AS initiatives
    FROM need n`;

/**
 * Audit rows about the employer or its needs: by entity, or naming one of their ids in the
 * recorded state (e.g. a proposal decision listing its needs).
 */
const SELECT_AUDIT = `
  SELECT a.id::text, a.actor_role AS "actorRole", a.action, a.entity_type AS "entityType",
         a.entity_id AS "entityId", ${iso('a.created_at')} AS "createdAt"
    FROM audit_log a
   WHERE a.entity_id = ANY($1::text[])
      OR EXISTS (SELECT 1 FROM unnest($1::text[]) AS id
                  WHERE position(id IN coalesce(a.before::text, '') || coalesce(a.after::text, '')) > 0)
   ORDER BY a.created_at, a.id`;

/**
 * Everything stored about an employer, for a data subject access request (GDPR art. 15): the
 * employer, its needs with contact persons and the e-mails sent to them, the matching outcomes
 * and the audit trail. Each export is itself audited.
 */
@Injectable()
export class DataExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * @throws InvalidInputError for a malformed organisationsnummer; NotFoundError when no
   * employer has it.
   */
  async exportEmployer(orgNumber: string, actor: AuditActor): Promise<EmployerDataExport> {
    const parsed = OrganisationNumber.require(orgNumber);
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const [employer]: EmployerRecord[] = await tx.query(
        `${SELECT_EMPLOYER} WHERE org_number = $1`,
        [parsed.digits],
      );
      if (!employer) throw new NotFoundError('Employer', parsed.formatted);
      const needs: NeedRecord[] = await tx.query(
        `${SELECT_NEEDS} WHERE n.employer_id = $1 ORDER BY n.created_at, n.id`,
        [employer.id],
      );
      const auditEntries = await this.auditEntries(tx, [employer.id, ...needs.map((n) => n.id)]);
      await this.audit.record(tx, {
        actor,
        action: 'employer.export',
        entityType: 'employer',
        entityId: employer.id,
        after: { needs: needs.length },
      });
      return { exportedAt: new Date().toISOString(), employer, needs, auditEntries };
    });
  }

  /** The need behind a tracking token, for its holder. @throws NotFoundError for an unknown token. */
  async exportNeed(token: string): Promise<NeedDataExport> {
    if (!isWellFormedTrackingToken(token))
      throw new NotFoundError('Need', 'for this tracking token');
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const [need]: (NeedRecord & { employerId: string })[] = await tx.query(
        `${SELECT_NEEDS.replace('SELECT n.id,', 'SELECT n.employer_id AS "employerId", n.id,')}
          WHERE n.tracking_token_hash = $1`,
        [hashTrackingToken(token)],
      );
      if (!need) throw new NotFoundError('Need', 'for this tracking token');
      const { employerId, ...record } = need;
      const [employer]: EmployerRecord[] = await tx.query(`${SELECT_EMPLOYER} WHERE id = $1`, [
        employerId,
      ]);
      const auditEntries = await this.auditEntries(tx, [need.id]);
      await this.audit.record(tx, {
        actor: null,
        action: 'need.export',
        entityType: 'need',
        entityId: need.id,
      });
      return { exportedAt: new Date().toISOString(), employer, need: record, auditEntries };
    });
  }

  private auditEntries(tx: EntityManager, ids: string[]): Promise<AuditRecord[]> {
    return tx.query(SELECT_AUDIT, [ids]);
  }
}
