import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@km/audit';
import { AuthUser } from '@km/auth';
import {
  NotFoundError,
  SUPPRESSED,
  SUPPRESSION_THRESHOLD,
  Suppressible,
  toExcelCsv,
} from '@km/common';
import { scopeCounties } from './broker-scope';
import { InvalidStatusTransitionError, OutOfScopeError } from './broker.errors';

export interface ProjectDraftFilter {
  status?: string;
  countyCode?: string;
  limit: number;
  offset: number;
}

export interface ProjectDraftItem {
  proposalId: string;
  kind: string;
  proposalStatus: string;
  title: string;
  initiativeId: string | null;
  initiativeStatus: string | null;
  employers: number;
  participants: { total: number; women: number; men: number };
  costPerParticipantSek: number | null;
  totalCostSek: number;
}

export interface ProjectDraftView {
  id: string;
  countyCode: string;
  countyName: string;
  theme: string;
  status: string;
  eligible: boolean;
  flags: string[];
  employers: number;
  participatingEmployers: {
    id: string;
    name: string;
    sizeBand: string;
    municipalityCode: string;
  }[];
  participants: { total: number; women: number; men: number };
  smeShare: number;
  budgetSek: number;
  horizontalCriteria: unknown;
  items: ProjectDraftItem[];
  createdAt: string;
  updatedAt: string;
  approvedAt: string | null;
  approvedBy: string | null;
}

const SELECT = `
  SELECT d.*, c.name AS county_name,
         (SELECT json_agg(json_build_object('id', e.id, 'name', e.name, 'sizeBand', e.size_band,
                 'municipalityCode', e.municipality_code) ORDER BY e.name, e.id)
            FROM employer e WHERE e.id::text = ANY (d.employer_ids)) AS participating_employers,
         (SELECT json_agg(json_build_object('proposalId', p.id, 'kind', p.kind, 'proposalStatus', p.status,
                 'title', coalesce(i.title, o.title, p.theme), 'initiativeId', i.id, 'initiativeStatus', i.status,
                 'employers', p.employers, 'total', p.participants_total, 'women', p.participants_women,
                 'men', p.participants_men, 'costPerParticipantSek', p.cost_per_participant_sek,
                 'totalCostSek', p.total_cost_sek) ORDER BY p.id)
            FROM proposal p
            LEFT JOIN offering o ON o.id = p.offering_id
            LEFT JOIN LATERAL (SELECT id, title, status FROM initiative
                                WHERE proposal_id = p.id ORDER BY (status = 'cancelled'), created_at DESC LIMIT 1) i ON true
           WHERE p.id = ANY (d.proposal_ids)) AS items
    FROM project_draft d JOIN county c ON c.code = d.county_code`;

const actorOf = (user: AuthUser) => ({ id: user.id, email: user.email, role: user.role });

/** ESF project drafts: list, detail, approval and export for the application. */
@Injectable()
export class ProjectDraftsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(
    user: AuthUser,
    filter: ProjectDraftFilter,
  ): Promise<{ items: ProjectDraftView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
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
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM project_draft d ${clause}`,
      params,
    );
    const rows = await this.db.query(
      `${SELECT} ${clause} ORDER BY d.created_at DESC, d.id
        LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset)}`,
      params,
    );
    return { items: rows.map(mapDraft), total };
  }

  /** 404 for an unknown draft, 403 for a draft of a county outside the caller's scope. */
  async get(user: AuthUser, id: string): Promise<ProjectDraftView> {
    const rows = await this.db.query(`${SELECT} WHERE d.id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundError('Project draft', id);
    const view = mapDraft(rows[0]);
    const counties = scopeCounties(user);
    if (counties && !counties.includes(view.countyCode)) throw new OutOfScopeError('project draft');
    return view;
  }

  async approve(user: AuthUser, id: string): Promise<ProjectDraftView> {
    await this.get(user, id);
    await this.db.transaction(async (tx) => {
      const [row]: { status: string }[] = await tx.query(
        `SELECT status FROM project_draft WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw new NotFoundError('Project draft', id);
      if (row.status !== 'draft') {
        throw new InvalidStatusTransitionError('Project draft', row.status, 'approved');
      }
      await tx.query(
        `UPDATE project_draft SET status = 'approved', approved_at = now(), approved_by = $2,
                updated_at = now() WHERE id = $1`,
        [id, user.id],
      );
      await this.audit.record(tx, {
        actor: actorOf(user),
        action: 'project-draft.approve',
        entityType: 'project_draft',
        entityId: id,
        before: { status: row.status },
        after: { status: 'approved' },
      });
    });
    return this.get(user, id);
  }

  /** The export document, with counts of fewer than three employers suppressed. */
  async exportJson(user: AuthUser, id: string): Promise<ProjectDraftExport> {
    return toExport(await this.get(user, id));
  }

  /** UTF-8 with BOM, `;`-separated, CRLF, Swedish headers: opens as-is in Excel. */
  async exportCsv(user: AuthUser, id: string): Promise<string> {
    return toCsv(toExport(await this.get(user, id)));
  }
}

export interface ProjectDraftExport {
  id: string;
  county: string;
  theme: string;
  status: string;
  eligible: boolean;
  flags: string[];
  employers: Suppressible;
  participatingEmployers: string[] | typeof SUPPRESSED;
  smeShare: number | typeof SUPPRESSED;
  participants: { total: number; women: Suppressible; men: Suppressible };
  budgetSek: number;
  horizontalCriteria: { jamstalldhet: string; tillganglighet: string };
  items: {
    proposalId: string;
    initiativeId: string | null;
    title: string;
    status: string;
    employers: Suppressible;
    participants: { total: number; women: Suppressible; men: Suppressible };
    costPerParticipantSek: number | null;
    totalCostSek: number;
  }[];
}

const suppress = (employers: number, value: number): Suppressible =>
  employers < SUPPRESSION_THRESHOLD ? SUPPRESSED : value;

export function toExport(d: ProjectDraftView): ProjectDraftExport {
  const few = d.employers < SUPPRESSION_THRESHOLD;
  return {
    id: d.id,
    county: `${d.countyName} (${d.countyCode})`,
    theme: d.theme,
    status: d.status,
    eligible: d.eligible,
    flags: d.flags,
    employers: suppress(d.employers, d.employers),
    participatingEmployers: few ? SUPPRESSED : d.participatingEmployers.map((e) => e.name),
    smeShare: few ? SUPPRESSED : Math.round(d.smeShare * 1000) / 10,
    participants: {
      total: d.participants.total,
      women: suppress(d.employers, d.participants.women),
      men: suppress(d.employers, d.participants.men),
    },
    budgetSek: d.budgetSek,
    horizontalCriteria: horizontalText(d.horizontalCriteria),
    items: d.items.map((i) => ({
      proposalId: i.proposalId,
      initiativeId: i.initiativeId,
      title: i.title,
      status: i.initiativeStatus ?? i.proposalStatus,
      employers: suppress(i.employers, i.employers),
      participants: {
        total: i.participants.total,
        women: suppress(i.employers, i.participants.women),
        men: suppress(i.employers, i.participants.men),
      },
      costPerParticipantSek: i.costPerParticipantSek,
      totalCostSek: i.totalCostSek,
    })),
  };
}

/** The engine's horizontal-criteria summary as Swedish text (whatever shape it has). */
function horizontalText(criteria: unknown): { jamstalldhet: string; tillganglighet: string } {
  const c = (criteria ?? {}) as Record<string, unknown>;
  const pick = (...keys: string[]) => {
    for (const key of keys) if (c[key] !== undefined) return describe(c[key]);
    return '';
  };
  return {
    jamstalldhet: pick('genderEquality', 'jamstalldhet', 'gender'),
    tillganglighet: pick('accessibility', 'tillganglighet'),
  };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  const text = (value as { text?: unknown }).text;
  if (typeof text === 'string') return text;
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

const yesNo = (b: boolean) => (b ? 'Ja' : 'Nej');

/** Long format — Avsnitt; Fält; Värde — one fact per row, then one block per included insats. */
export function toCsv(e: ProjectDraftExport): string {
  const rows: (string | number)[][] = [
    ['Avsnitt', 'Fält', 'Värde'],
    ['Projekt', 'Projektutkast-id', e.id],
    ['Projekt', 'Län', e.county],
    ['Projekt', 'Tema', e.theme],
    ['Projekt', 'Status', e.status],
    ['Projekt', 'Uppfyller utlysningens villkor', yesNo(e.eligible)],
    ['Projekt', 'Anmärkningar', e.flags.join(', ')],
    ['Projekt', 'Budget (kr)', e.budgetSek],
    ['Arbetsgivare', 'Antal deltagande arbetsgivare', e.employers],
    [
      'Arbetsgivare',
      'Deltagande arbetsgivare',
      Array.isArray(e.participatingEmployers) ? e.participatingEmployers.join(', ') : SUPPRESSED,
    ],
    ['Arbetsgivare', 'Andel små och medelstora företag (%)', e.smeShare],
    ['Deltagare', 'Totalt', e.participants.total],
    ['Deltagare', 'Kvinnor', e.participants.women],
    ['Deltagare', 'Män', e.participants.men],
    ['Horisontella kriterier', 'Jämställdhet', e.horizontalCriteria.jamstalldhet],
    ['Horisontella kriterier', 'Tillgänglighet', e.horizontalCriteria.tillganglighet],
  ];
  e.items.forEach((item, index) => {
    const section = `Insats ${index + 1}`;
    rows.push(
      [section, 'Titel', item.title],
      [section, 'Förslag-id', item.proposalId],
      [section, 'Insats-id', item.initiativeId ?? ''],
      [section, 'Status', item.status],
      [section, 'Antal arbetsgivare', item.employers],
      [section, 'Deltagare totalt', item.participants.total],
      [section, 'Kvinnor', item.participants.women],
      [section, 'Män', item.participants.men],
      [section, 'Kostnad per deltagare (kr)', item.costPerParticipantSek ?? ''],
      [section, 'Total kostnad (kr)', item.totalCostSek],
    );
  });
  return toExcelCsv(rows);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function mapDraft(row: any): ProjectDraftView {
  return {
    id: row.id,
    countyCode: row.county_code.trim(),
    countyName: row.county_name,
    theme: row.theme,
    status: row.status,
    eligible: row.eligible,
    flags: row.flags,
    employers: row.employers,
    participatingEmployers: (row.participating_employers ?? []).map(
      (e: ProjectDraftView['participatingEmployers'][number]) => ({
        ...e,
        municipalityCode: e.municipalityCode.trim(),
      }),
    ),
    participants: {
      total: row.participants_total,
      women: row.participants_women,
      men: row.participants_men,
    },
    smeShare: Number(row.sme_share),
    budgetSek: Number(row.budget_sek),
    horizontalCriteria: row.horizontal_criteria,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    items: (row.items ?? []).map((i: any) => ({
      proposalId: i.proposalId,
      kind: i.kind,
      proposalStatus: i.proposalStatus,
      title: i.title,
      initiativeId: i.initiativeId,
      initiativeStatus: i.initiativeStatus,
      employers: i.employers,
      participants: { total: i.total, women: i.women, men: i.men },
      costPerParticipantSek:
        i.costPerParticipantSek === null ? null : Number(i.costPerParticipantSek),
      totalCostSek: Number(i.totalCostSek),
    })),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    approvedAt: row.approved_at ? new Date(row.approved_at).toISOString() : null,
    approvedBy: row.approved_by,
  };
}
