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

/** Writes domain events into the outbox inside the caller's transaction. */
@Injectable()
export class OutboxService {
  /** Must be called with the transaction's manager, so the event commits with the change. */
  async add(manager: EntityManager, event: NewOutboxEvent): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO outbox (type, aggregate_type, aggregate_id, county_code, payload)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
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
