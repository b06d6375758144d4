import { EntityManager } from 'typeorm';
import { returnedRows } from '@km/common';
import { NeedStatus } from './need.constants';

/**
 * The one place that knows how a need's status may move. Every lib that changes a need's status
 * goes through `transitionNeeds`, which only moves rows whose current status allows the move, so a
 * rematch can never turn a withdrawn need back into "proposed" and a cancellation never revives an
 * expired one.
 */
export const NEED_TRANSITIONS: Record<NeedStatus, readonly NeedStatus[]> = {
  received: ['proposed', 'unmet', 'matched', 'withdrawn', 'expired'],
  proposed: ['unmet', 'matched', 'withdrawn', 'expired'],
  unmet: ['proposed', 'matched', 'withdrawn', 'expired'],
  // A cancelled initiative frees its needs; a committed need is not expired by the clock.
  matched: ['received', 'withdrawn'],
  withdrawn: [],
  expired: [],
};

export function canNeedTransition(from: NeedStatus, to: NeedStatus): boolean {
  return NEED_TRANSITIONS[from]?.includes(to) ?? false;
}

/** The statuses a need may be in to move to `to`. */
export function needStatusesLeadingTo(to: NeedStatus): NeedStatus[] {
  return (Object.keys(NEED_TRANSITIONS) as NeedStatus[]).filter((from) =>
    canNeedTransition(from, to),
  );
}

/**
 * Moves the given needs to `to` inside the caller's transaction; needs whose status does not
 * allow the move are left alone. Returns the ids that moved, sorted.
 */
export async function transitionNeeds(
  tx: EntityManager,
  needIds: readonly string[],
  to: NeedStatus,
): Promise<string[]> {
  if (needIds.length === 0) return [];
  const rows = await tx.query(
    `UPDATE need SET status = $2, updated_at = now(),
            withdrawn_at = CASE WHEN $2 = 'withdrawn' THEN now() ELSE withdrawn_at END
      WHERE id = ANY ($1::uuid[]) AND status = ANY ($3::text[]) RETURNING id`,
    [needIds, to, needStatusesLeadingTo(to)],
  );
  return returnedRows<{ id: string }>(rows)
    .map((r) => r.id)
    .sort();
}
