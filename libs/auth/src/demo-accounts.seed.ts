import { EntityManager } from 'typeorm';
import { hashPassword } from './password';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { normaliseEmail } from './users.service';

/**
 * Adds the demo accounts (development seed only). Idempotent: an existing account, perhaps with a
 * changed password, is left as it is.
 * @returns how many accounts were created.
 */
export async function seedDemoAccounts(manager: EntityManager): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    const rows = await manager.query(
      `INSERT INTO app_user (email, password_hash, role, learning_centre_id, county_code)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [
        normaliseEmail(account.email),
        passwordHash,
        account.role,
        account.learningCentreId ?? null,
        account.countyCode ?? null,
      ],
    );
    created += rows.length;
  }
  return created;
}
