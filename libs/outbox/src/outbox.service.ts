import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEventType } from '@km/queue';

export interface NewOutboxEvent {
  type: DomainEventType | string;
  aggregateType: string;
  aggregateId: string;
  countyCode?: string | null;
  payload?: Record<string, unknown>;
}

/**
 * The one INSERT into the outbox table, followed by the rows to add (`VALUES (...)` or a `SELECT`
 * giving type, aggregate type, aggregate id, county code and payload). OutboxService.add uses it;
 * so does the intake's single-statement insert, which must write its event in the same statement.
 */
export const OUTBOX_INSERT =
  'INSERT INTO outbox (type, aggregate_type, aggregate_id, county_code, payload)';

/** Writes domain events into the outbox inside the caller's transaction. */
@Injectable()
export class OutboxService {
  /** Must be called with the transaction's manager, so the event commits with the change. */
  async add(manager: EntityManager, event: NewOutboxEvent): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `${OUTBOX_INSERT} VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        event.type,
        event.aggregateType,
        event.aggregateId,
        event.countyCode ?? null,
        event.payload ?? {},
      ],
    );
    return String(rows[0].id);
  }
}
