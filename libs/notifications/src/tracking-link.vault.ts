import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, purposeKey } from '@km/config';

const VERSION = 'v1';

/**
 * Keeps each need's tracking token sealed (AES-256-GCM, key derived from JWT_SECRET with HKDF),
 * so e-mails can carry the employer's tracking link while the need itself stores only a hash:
 * a copy of the database alone still reveals no working link. Rotating JWT_SECRET makes older
 * sealed tokens unreadable; the e-mails then point to the confirmation e-mail instead.
 */
@Injectable()
export class TrackingLinkVault {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = purposeKey(config.jwt.secret, 'tracking-link');
  }

  seal(token: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** The token, or null when the sealed value is unreadable (another key, tampered). */
  open(sealed: string): string | null {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || !data) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(data, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return null;
    }
  }

  /** Call from the intake transaction, with the token just issued. */
  async store(tx: EntityManager, needId: string, token: string): Promise<void> {
    await tx.query(
      `INSERT INTO need_tracking_link (need_id, sealed_token) VALUES ($1, $2)
       ON CONFLICT (need_id) DO UPDATE SET sealed_token = EXCLUDED.sealed_token`,
      [needId, this.seal(token)],
    );
  }

  /** The need's tracking token, or null when none is stored or it is unreadable. */
  async token(manager: EntityManager, needId: string): Promise<string | null> {
    const rows: { sealed_token: string }[] = await manager.query(
      `SELECT sealed_token FROM need_tracking_link WHERE need_id = $1`,
      [needId],
    );
    return rows[0] ? this.open(rows[0].sealed_token) : null;
  }

  /** `${PUBLIC_BASE_URL}/behov/{token}`, or null when no readable token is stored. */
  async trackingUrl(manager: EntityManager, needId: string): Promise<string | null> {
    const token = await this.token(manager, needId);
    return token ? `${this.config.http.publicBaseUrl}/behov/${token}` : null;
  }
}
