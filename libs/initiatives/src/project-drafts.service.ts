import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@km/audit';
import { AuthUser } from '@km/auth';
import { DomainError, NotFoundError, OutOfScopeError } from '@km/common';
import {
  ProjectDraftDocument,
  projectDraftCsv,
  ProjectDraftStatus,
  ProjectDraftView,
} from '@km/project-drafts';
import { scopeCounties } from './broker-scope';

export type { ProjectDraftView };

export interface ProjectDraftFilter {
  /** `draft` (has content), `empty`, or `approved`: drafts with at least one approved version. */
  status?: string;
  countyCode?: string;
  limit: number;
  offset: number;
}

/** A draft without content, or one the call rules exclude, cannot be submitted. */
export class ProjectDraftNotApprovableError extends DomainError {
  constructor(detail: string) {
    super('conflict', 'project-draft-not-approvable', detail);
  }
}

const VERSIONS = `coalesce((SELECT json_agg(json_build_object('id', s.id, 'version', s.version,
                     'approvedAt', s.approved_at) ORDER BY s.version DESC)
                FROM project_draft_snapshot s WHERE s.draft_id = d.id), '[]') AS versions`;

const LIVING = `SELECT d.id, d.id AS draft_id, NULL::int AS version, d.status, d.county_code, d.document,
         d.updated_at, NULL::timestamptz AS approved_at, NULL::text AS approved_by_role, ${VERSIONS}
    FROM project_draft d`;

const SNAPSHOT = `SELECT s.id::text AS id, s.draft_id, s.version, 'approved' AS status, s.county_code,
         s.document, s.approved_at AS updated_at, s.approved_at,
         (SELECT u.role FROM app_user u WHERE u.id = s.approved_by) AS approved_by_role,
         (SELECT ${VERSIONS} FROM project_draft d WHERE d.id = s.draft_id)
    FROM project_draft_snapshot s`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const actorOf = (user: AuthUser) => ({ id: user.id, email: user.email, role: user.role });

/**
 * ESF project drafts for brokers: the living draft of each county × theme (recomputed by the
 * county's runs) and its approved snapshots, which freeze the application as submitted. The only
 * writer of `project_draft_snapshot`.
 */
@Injectable()
export class ProjectDraftsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Living drafts of the caller's counties, those with content first, then by county and theme. */
  async list(
    user: AuthUser,
    filter: ProjectDraftFilter,
  ): Promise<{ items: ProjectDraftView[]; total: number }> {
    const where: string[] = ['d.document IS NOT NULL'];
    const params: unknown[] = [];
    if (filter.status === 'approved') {
      where.push(`EXISTS (SELECT 1 FROM project_draft_snapshot s WHERE s.draft_id = d.id)`);
    } else if (filter.status) {
      params.push(filter.status);
      where.push(`d.status = $${params.length}`);
    }
    if (filter.countyCode) {
      params.push(filter.countyCode);
      where.push(`d.county_code = $${params.length}`);
    }
    const counties = scopeCounties(user);
    if (counties) {
      params.push(counties);
      where.push(`d.county_code = ANY ($${params.length}::bpchar[])`);
    }
    const clause = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM project_draft d ${clause}`,
      params,
    );
    const rows = await this.db.query(
      `${LIVING} ${clause}
        ORDER BY (d.status = 'draft') DESC, d.county_code, d.document ->> 'themeLabel', d.id
        LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset)}`,
      params,
    );
    return { items: rows.map(mapView), total };
  }

  /**
   * A living draft or an approved snapshot by its id. 404 for an unknown id, 403 for a draft of
   * a county outside the caller's scope.
   */
  async get(
    user: AuthUser,
    id: string,
    tx: EntityManager = this.db.manager,
  ): Promise<ProjectDraftView> {
    const rows = await tx.query(`${LIVING} WHERE d.id = $1 AND d.document IS NOT NULL`, [id]);
    const found = rows.length
      ? rows
      : UUID.test(id)
        ? await tx.query(`${SNAPSHOT} WHERE s.id = $1::uuid`, [id])
        : [];
    if (found.length === 0) throw new NotFoundError('Project draft', id);
    const view = mapView(found[0]);
    const counties = scopeCounties(user);
    if (counties && !counties.includes(view.countyCode)) throw new OutOfScopeError('project draft');
    return view;
  }

  /**
   * Freezes the living draft as the next approved version (the application as submitted) and
   * returns the snapshot. The living draft goes on changing with later runs; the snapshot never.
   * 409 when the draft is empty, breaks a hard call rule, or equals the latest version.
   */
  async approve(user: AuthUser, id: string): Promise<ProjectDraftView> {
    const draft = await this.get(user, id);
    if (draft.version !== null) {
      throw new ProjectDraftNotApprovableError(
        `This is approved version ${draft.version}; approve the living draft ${draft.draftId} instead`,
      );
    }
    const snapshotId = await this.db.transaction(async (tx) => {
      const [row]: { document: ProjectDraftDocument | null; status: ProjectDraftStatus }[] =
        await tx.query(`SELECT document, status FROM project_draft WHERE id = $1 FOR UPDATE`, [id]);
      if (!row?.document) throw new NotFoundError('Project draft', id);
      const d = row.document;
      if (d.items.length === 0) {
        throw new ProjectDraftNotApprovableError(
          'The draft holds no initiative or proposal to apply for',
        );
      }
      if (!d.eligible) {
        const missing = d.criteria.filter((c) => c.hard && !c.met).map((c) => c.missing);
        throw new ProjectDraftNotApprovableError(
          `The draft does not meet the call rules: ${missing.join(' ')}`,
        );
      }
      const [latest]: { version: number; same: boolean }[] = await tx.query(
        `SELECT version, (document - 'computedAt') = ($2::jsonb - 'computedAt') AS same
           FROM project_draft_snapshot WHERE draft_id = $1 ORDER BY version DESC LIMIT 1`,
        [id, JSON.stringify(d)],
      );
      if (latest?.same) {
        throw new ProjectDraftNotApprovableError(
          `Nothing has changed since approved version ${latest.version}`,
        );
      }
      const version = (latest?.version ?? 0) + 1;
      const [snapshot]: { id: string }[] = await tx.query(
        `INSERT INTO project_draft_snapshot (draft_id, version, county_code, theme, document, eligible,
                employer_ids, employers, participants_total, participants_women, participants_men,
                budget_sek, approved_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          id,
          version,
          d.countyCode,
          d.theme,
          JSON.stringify(d),
          d.eligible,
          d.employers.map((e) => e.id),
          d.employers.length,
          d.participants.total,
          d.participants.women,
          d.participants.men,
          d.budget.totalSek,
          user.id,
        ],
      );
      await this.audit.record(tx, {
        actor: actorOf(user),
        action: 'project-draft.approve',
        entityType: 'project_draft',
        entityId: id,
        before: { latestVersion: latest?.version ?? null },
        after: {
          snapshotId: snapshot.id,
          version,
          employers: d.employers.length,
          participants: d.participants.total,
          budgetSek: d.budget.totalSek,
        },
      });
      return snapshot.id;
    });
    return this.get(user, snapshotId);
  }

  /** UTF-8 with BOM, `;`, CRLF, decimal comma, Swedish labels: opens as-is in Excel. */
  async exportCsv(user: AuthUser, id: string): Promise<string> {
    return projectDraftCsv(await this.get(user, id));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function mapView(row: any): ProjectDraftView {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    ...(row.document as ProjectDraftDocument),
    id: row.id,
    draftId: row.draft_id,
    version: row.version,
    status: row.status,
    updatedAt: iso(row.updated_at)!,
    approvedAt: iso(row.approved_at),
    approvedByRole: row.approved_by_role ?? null,
    versions: (row.versions ?? []).map(
      (v: { id: string; version: number; approvedAt: string }) => ({
        ...v,
        approvedAt: iso(v.approvedAt)!,
      }),
    ),
  };
}
