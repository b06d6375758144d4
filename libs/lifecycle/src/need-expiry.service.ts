import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@km/audit';
import { returnedRows, swedishToday } from '@km/common';
import { NEED_TRANSITIONS, NeedStatus, transitionNeeds } from '@km/needs';
import { NotificationService } from '@km/notifications';
import { OutboxService } from '@km/outbox';
import { supersedeOpenProposalsWithNeeds } from '@km/proposals';
import { DomainEventType } from '@km/queue';

const BATCH = 500;

/** Statuses the clock may expire: open needs (a committed need runs its course). */
const EXPIRABLE = (Object.keys(NEED_TRANSITIONS) as NeedStatus[]).filter((s) =>
  NEED_TRANSITIONS[s].includes('expired'),
);

/**
 * The scheduled job that lets time pass: an open need whose window has ended (latestEnd on or
 * before today, so no course can still be arranged in it) becomes `expired`; its open proposals
 * are superseded, its employer is told (with a link to send it in again), and its county
 * rematches.
 */
@Injectable()
export class NeedExpiryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
  ) {}

  async expire(
    today: string = swedishToday(),
  ): Promise<{ expired: number; pastStartSuperseded: number }> {
    const pastStartSuperseded = await this.supersedePastStarts(today);
    let expired = 0;
    for (;;) {
      const batch = await this.db.transaction(async (tx) => {
        const due: { id: string; county_code: string }[] = await tx.query(
          `SELECT id, county_code FROM need
            WHERE status = ANY ($1::text[]) AND latest_end <= $2::date
            ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [EXPIRABLE, today],
        );
        const ids = await transitionNeeds(
          tx,
          due.map((d) => d.id),
          'expired',
        );
        if (ids.length === 0) return 0;
        const superseded = await supersedeOpenProposalsWithNeeds(tx, ids);
        for (const proposal of superseded) {
          await this.audit.record(tx, {
            actor: null,
            action: 'proposal.supersede',
            entityType: 'proposal',
            entityId: proposal.id,
            before: { status: 'open' },
            after: { status: 'superseded', reason: 'need-expired' },
          });
        }
        for (const id of ids) {
          await this.audit.record(tx, {
            actor: null,
            action: 'need.expire',
            entityType: 'need',
            entityId: id,
            after: { status: 'expired', today },
          });
          await this.notifications.needExpired(tx, id);
        }
        const counties = new Set(due.filter((d) => ids.includes(d.id)).map((d) => d.county_code));
        for (const countyCode of [...counties].sort()) {
          await this.outbox.add(tx, {
            type: DomainEventType.NeedExpired,
            aggregateType: 'need',
            aggregateId: ids[0],
            countyCode,
            payload: { needIds: ids, today },
          });
        }
        return ids.length;
      });
      expired += batch;
      if (batch < BATCH) return { expired, pastStartSuperseded };
    }
  }

  /** Open proposals whose start date has passed can never be approved: off the lists, rematched. */
  private async supersedePastStarts(today: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      // RETURNING comes in no set order: audit entries and events follow the ids, as elsewhere.
      const rows = returnedRows<{ id: string; county_code: string }>(
        await tx.query(
          `UPDATE proposal SET status = 'superseded', updated_at = now()
            WHERE id IN (SELECT id FROM proposal WHERE status = 'open' AND start_date < $1::date
                          ORDER BY id FOR UPDATE SKIP LOCKED)
            RETURNING id, county_code`,
          [today],
        ),
      ).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const row of rows) {
        await this.audit.record(tx, {
          actor: null,
          action: 'proposal.supersede',
          entityType: 'proposal',
          entityId: row.id,
          before: { status: 'open' },
          after: { status: 'superseded', reason: 'start-in-past', today },
        });
      }
      for (const countyCode of [...new Set(rows.map((r) => r.county_code.trim()))].sort()) {
        await this.outbox.add(tx, {
          type: DomainEventType.ProposalsOutdated,
          aggregateType: 'county',
          aggregateId: countyCode,
          countyCode,
          payload: {
            proposalIds: rows.filter((r) => r.county_code.trim() === countyCode).map((r) => r.id),
            today,
          },
        });
      }
      return rows.length;
    });
  }
}
