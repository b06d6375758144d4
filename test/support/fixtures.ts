import request from 'supertest';
import { withLuhnDigit } from '@km/needs';
import { isoDay, validNeedBody } from './bodies';

export { isoDay };

let orgCounter = 0;
/** A fresh, valid organisationsnummer (third digit ≥ 2, so never a personnummer). */
export function nextOrgNumber(): string {
  orgCounter += 1;
  // 556…: the third digit (≥ 2) keeps it from ever reading as a personnummer.
  const nine = `556${String(process.pid % 100).padStart(2, '0')}${String(orgCounter).padStart(4, '0')}`;
  return withLuhnDigit(nine);
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

/**
 * Creates accounts through the admin API and logs each in; returns bearer headers by name.
 * Each login comes from its own client address, so the login throttle never interferes.
 */
export async function createAccounts(
  server: Parameters<typeof request>[0],
  admin: { email: string; password: string },
  accounts: Record<string, Record<string, string>>,
  domain: string,
): Promise<Record<string, { Authorization: string }>> {
  let ip = 0;
  const clientNet = Math.floor(Math.random() * 200) + 20;
  const login = async (email: string, password: string) => {
    const res = await request(server)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', `10.${clientNet}.0.${++ip}`)
      .send({ email, password })
      .expect(200);
    return { Authorization: `Bearer ${res.body.accessToken as string}` };
  };
  const headers: Record<string, { Authorization: string }> = {
    admin: await login(admin.email, admin.password),
  };
  for (const [name, scope] of Object.entries(accounts)) {
    const email = `${name.toLowerCase()}@${domain}`;
    await request(server)
      .post('/api/v1/admin/users')
      .set(headers.admin)
      .send({ email, password: 'account-password-1', ...scope })
      .expect(201);
    headers[name] = await login(email, 'account-password-1');
  }
  return headers;
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
