import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Who acted: the authenticated caller (or null for the system). */
export interface AuditActor {
  id: string;
  email?: string;
  role?: string;
}

export interface AuditEntry {
  actor: AuditActor | null;
  /** What was done, e.g. "proposal.approve". */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  limit: number;
  offset: number;
}

export interface AuditView {
  id: string;
  actor: { id: string | null; email: string | null; role: string | null };
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  createdAt: string;
}

/**
 * The audit log of broker and admin actions. `record` must be given the transaction's manager so
 * the row commits (or rolls back) with the change it describes.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(tx: EntityManager, entry: AuditEntry): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (actor_id, actor_email, actor_role, action, entity_type, entity_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.actor?.id ?? null,
        entry.actor?.email ?? null,
        entry.actor?.role ?? null,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
      ],
    );
  }

  async list(filter: AuditFilter): Promise<{ items: AuditView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.entityType) {
      params.push(filter.entityType);
      where.push(`entity_type = $${params.length}`);
    }
    if (filter.entityId) {
      params.push(filter.entityId);
      where.push(`entity_id = $${params.length}`);
    }
    if (filter.actorId) {
      params.push(filter.actorId);
      where.push(`actor_id = $${params.length}::uuid`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM audit_log ${clause}`,
      params,
    );
    const rows: AuditRow[] = await this.db.query(
      `SELECT id::text, actor_id, actor_email, actor_role, action, entity_type, entity_id, before, after, created_at
         FROM audit_log ${clause} ORDER BY created_at DESC, id DESC
        LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset)}`,
      params,
    );
    return { items: rows.map(mapAudit), total };
  }
}

interface AuditRow {
  id: string;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  created_at: Date;
}

function mapAudit(row: AuditRow): AuditView {
  return {
    id: row.id,
    actor: { id: row.actor_id, email: row.actor_email, role: row.actor_role },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
