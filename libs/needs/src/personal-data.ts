import { EntityManager } from 'typeorm';

/** What was erased for a set of needs. */
export interface ErasedPersonalData {
  contacts: number;
  notifications: number;
  trackingLinks: number;
}

/**
 * Erases the personal data held about the needs' contact persons: the contact row (name,
 * e-mail, phone), the e-mails written to them (recipient and body) and the sealed tracking link
 * those e-mails carried. The needs, their employers and competences stay, as anonymous
 * statistics. Call inside the caller's transaction.
 */
export async function erasePersonalData(
  tx: EntityManager,
  needIds: string[],
): Promise<ErasedPersonalData> {
  if (needIds.length === 0) return { contacts: 0, notifications: 0, trackingLinks: 0 };
  const count = async (sql: string) =>
    Number(((await tx.query(sql, [needIds])) as [unknown[], number])[1] ?? 0);
  return {
    contacts: await count(`DELETE FROM contact WHERE need_id = ANY($1::uuid[])`),
    notifications: await count(`DELETE FROM notification WHERE need_id = ANY($1::uuid[])`),
    trackingLinks: await count(`DELETE FROM need_tracking_link WHERE need_id = ANY($1::uuid[])`),
  };
}
