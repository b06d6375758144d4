import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@km/config';
import { hashPassword } from './password';
import { normaliseEmail } from './users.service';

const BOOTSTRAP_LOCK = 4_711_100;

/**
 * Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no admin exists. Safe when
 * several API instances start at once: an advisory lock serialises them and the unique e-mail
 * index makes a repeat a no-op. An existing account with that e-mail is never overwritten.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureAdmin();
  }

  /** @returns true when this call created the admin. */
  async ensureAdmin(): Promise<boolean> {
    const { email, password } = this.config.admin;
    if (!email || !password) return false;
    if (await this.adminExists()) return false;
    const passwordHash = await hashPassword(password);
    const created = await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [BOOTSTRAP_LOCK]);
      const rows: { id: string }[] = await tx.query(
        `INSERT INTO app_user (email, password_hash, role)
         SELECT $1, $2, 'admin'
          WHERE NOT EXISTS (SELECT 1 FROM app_user WHERE role = 'admin')
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [normaliseEmail(email), passwordHash],
      );
      return rows.length > 0;
    });
    if (created) this.logger.log(`created the bootstrap admin ${normaliseEmail(email)}`);
    return created;
  }

  private async adminExists(): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM app_user WHERE role = 'admin' LIMIT 1`);
    return rows.length > 0;
  }
}
