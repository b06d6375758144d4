import { isoDay, validNeedBody } from './bodies';
import { orgNumber } from './world';

export { isoDay };

let orgCounter = 0;
/** A fresh, valid organisationsnummer, far from the numbers the shared World hands out. */
export function nextOrgNumber(): string {
  return orgNumber(1_000_000 + ++orgCounter);
}

/** A valid POST /api/v1/needs body from a new employer, for what the test is about. */
export function needBody(overrides: {
  municipalityCode: string;
  competenceIds: string[];
  name?: string;
  participants?: { total: number; women: number; men: number };
  maxTravelKm?: number;
}): Record<string, unknown> {
  const body = validNeedBody(overrides.competenceIds, {
    participants: overrides.participants ?? { total: 2, women: 1, men: 1 },
    earliestStart: isoDay(20),
    latestEnd: isoDay(200),
    deliveryModes: ['onsite'],
    maxTravelKm: overrides.maxTravelKm ?? 80,
    maxCostPerParticipantSek: null,
  });
  body.employer = {
    ...body.employer,
    orgNumber: nextOrgNumber(),
    name: overrides.name ?? 'Exempel AB',
    municipalityCode: overrides.municipalityCode,
  };
  return body;
}

/** Polls until the check returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
