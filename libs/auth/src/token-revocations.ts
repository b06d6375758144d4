import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@km/config';
import { DomainError } from '@km/common';
import { RedisConnection } from '@km/queue';

/** Redis did not answer in time: a revoked token must not pass for want of an answer. */
export class RevocationsUnavailableError extends DomainError {
  constructor() {
    super('unavailable', 'session-store-unavailable', 'Sessions cannot be checked right now');
  }
}

const TIMEOUT_MS = 1000;

/**
 * Tokens ended by a logout, by id (`jti`), kept in Redis under the deployment's prefix until
 * they would have expired anyway, so every api process refuses them at once.
 */
@Injectable()
export class TokenRevocations {
  constructor(
    private readonly redis: RedisConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async revoke(tokenId: string, expiresAtSeconds: number): Promise<void> {
    const ttlMs = expiresAtSeconds * 1000 - Date.now();
    if (ttlMs <= 0) return;
    await this.answer(this.redis.client.set(this.key(tokenId), '1', 'PX', ttlMs));
  }

  async isRevoked(tokenId: string): Promise<boolean> {
    return (await this.answer(this.redis.client.exists(this.key(tokenId)))) === 1;
  }

  private key(tokenId: string): string {
    return `${this.config.redis.prefix}:auth:revoked:${tokenId}`;
  }

  private async answer<T>(command: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RevocationsUnavailableError()), TIMEOUT_MS);
    });
    try {
      return await Promise.race([command, timeout]);
    } catch (error) {
      throw error instanceof RevocationsUnavailableError
        ? error
        : new RevocationsUnavailableError();
    } finally {
      clearTimeout(timer);
    }
  }
}
