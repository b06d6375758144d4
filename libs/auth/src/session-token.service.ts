import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

/** Claims the signer sets itself; a renewed token gets fresh ones. */
const REGISTERED = new Set(['iat', 'exp', 'nbf', 'jti']);

export interface RenewedSessionToken {
  accessToken: string;
  expiresIn: number;
}

/**
 * Renewal of the browser session's token (the staff pages). A renewed token carries every claim
 * of the old one unchanged (scope, and whatever revocation data `authenticate` checks) plus
 * `auth_time`, the moment of the password login, so a session can be kept alive while it is used
 * but never beyond an absolute limit counted from that login.
 */
@Injectable()
export class SessionTokenService {
  constructor(private readonly jwt: JwtService) {}

  /** When the password login behind this (verified) token happened, in epoch seconds. */
  authTime(token: string): number | undefined {
    const claims = this.jwt.decode<Record<string, unknown> | null>(token);
    const value = claims?.auth_time ?? claims?.iat;
    return typeof value === 'number' ? value : undefined;
  }

  /** Seconds since the token was issued. */
  age(token: string, nowSeconds = Math.floor(Date.now() / 1000)): number {
    const iat = this.jwt.decode<Record<string, unknown> | null>(token)?.iat;
    return typeof iat === 'number' ? nowSeconds - iat : Number.POSITIVE_INFINITY;
  }

  /**
   * A new token for the same account and login, valid for the configured lifetime but not past
   * `auth_time + maxSessionSeconds`; undefined when the token is not valid or the limit is
   * reached. Call it only after `AuthService.authenticate` accepted the token.
   */
  async renew(
    token: string,
    maxSessionSeconds: number,
    idleSeconds: number,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): Promise<RenewedSessionToken | undefined> {
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync<Record<string, unknown>>(token);
    } catch {
      return undefined;
    }
    const authTime = this.authTime(token);
    if (authTime === undefined) return undefined;
    const expiresIn = Math.min(idleSeconds, authTime + maxSessionSeconds - nowSeconds);
    if (expiresIn <= 0) return undefined;
    const carried = Object.fromEntries(Object.entries(claims).filter(([k]) => !REGISTERED.has(k)));
    // iss and aud come back from the module's sign options; keeping them would duplicate them.
    delete carried.iss;
    delete carried.aud;
    const accessToken = await this.jwt.signAsync(
      { ...carried, auth_time: authTime },
      // A renewed token is a session of its own: its own id, so a logout can end it.
      { expiresIn, jwtid: randomUUID() },
    );
    return { accessToken, expiresIn };
  }
}
