import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from './auth-user';
import { AuthenticationRequiredError, InvalidCredentialsError } from './auth.errors';
import { hashPassword, verifyPassword } from './password';
import { Role } from './role';
import { TokenRevocations } from './token-revocations';
import { UsersService } from './users.service';

/** The claims of an access token. The database stays the truth: see `authenticate`. */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  /** The account's token version when issued; a token of an older version is revoked. */
  ver: number;
  exp?: number;
  /** The token's own id, for ending this one session (logout). */
  jti?: string;
  learningCentreId?: string;
  countyCode?: string;
}

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  role: Role;
  /** The learning centre (provider, broker) or county (regional) the account acts for. */
  organisationId?: string;
  learningCentreId?: string;
  countyCode?: string;
}

interface AuthUserRow {
  id: string;
  email: string;
  role: Role;
  learning_centre_id: string | null;
  county_code: string | null;
  disabled: boolean;
  token_version: number;
  municipality_codes: string[] | null;
}

@Injectable()
export class AuthService {
  private dummyHash?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly revocations: TokenRevocations,
  ) {}

  /**
   * Checks the credentials and issues an access token. An unknown e-mail costs the same argon2
   * verification as a wrong password, so response time does not reveal which accounts exist.
   */
  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.users.findByEmail(email);
    const hash = user?.passwordHash ?? (await this.dummyPasswordHash());
    const matches = await verifyPassword(hash, password);
    if (!user || !matches || user.disabled) throw new InvalidCredentialsError();

    const claims: AccessTokenClaims = {
      sub: user.id,
      role: user.role,
      ver: user.tokenVersion,
      ...(user.learningCentreId ? { learningCentreId: user.learningCentreId } : {}),
      ...(user.countyCode ? { countyCode: user.countyCode.trim() } : {}),
    };
    const accessToken = await this.jwt.signAsync(claims, { jwtid: randomUUID() });
    const { exp, iat } = this.jwt.decode<{ exp: number; iat: number }>(accessToken);
    const organisationId = claims.learningCentreId ?? claims.countyCode;
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: exp - iat,
      role: user.role,
      ...(organisationId ? { organisationId } : {}),
      ...(claims.learningCentreId ? { learningCentreId: claims.learningCentreId } : {}),
      ...(claims.countyCode ? { countyCode: claims.countyCode } : {}),
    };
  }

  /**
   * Verifies a bearer token and loads the caller with its scope. The account is re-read on every
   * request, so disabling it or changing its scope takes effect before the token expires.
   * @throws AuthenticationRequiredError for a bad, expired or revoked token.
   */
  async authenticate(token: string): Promise<AuthUser> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new AuthenticationRequiredError(
        expired ? 'The access token has expired' : 'The access token is not valid',
      );
    }
    // A token without a lifetime or a version would be valid for ever: never ours.
    if (
      typeof claims.sub !== 'string' ||
      !/^[0-9a-f-]{36}$/i.test(claims.sub) ||
      typeof claims.exp !== 'number' ||
      !Number.isSafeInteger(claims.ver) ||
      typeof claims.jti !== 'string'
    ) {
      throw new AuthenticationRequiredError('The access token is not valid');
    }
    if (await this.revocations.isRevoked(claims.jti)) {
      throw new AuthenticationRequiredError('The session has ended; log in again');
    }
    const rows: AuthUserRow[] = await this.db.query(
      `SELECT u.id, u.email, u.role, u.learning_centre_id, u.county_code, u.disabled, u.token_version,
              CASE
                WHEN u.learning_centre_id IS NOT NULL THEN
                  (SELECT array_agg(lcm.municipality_code::text ORDER BY lcm.municipality_code)
                     FROM learning_centre_municipality lcm WHERE lcm.learning_centre_id = u.learning_centre_id)
                WHEN u.county_code IS NOT NULL THEN
                  (SELECT array_agg(m.code::text ORDER BY m.code) FROM municipality m WHERE m.county_code = u.county_code)
              END AS municipality_codes
         FROM app_user u WHERE u.id = $1`,
      [claims.sub],
    );
    const row = rows[0];
    if (!row || row.disabled) {
      throw new AuthenticationRequiredError('The account no longer exists or is disabled');
    }
    if (row.token_version !== claims.ver) {
      throw new AuthenticationRequiredError('The session has ended; log in again');
    }
    return toAuthUser(row);
  }

  /**
   * Ends the session of this token wherever it is used (bearer, dashboard cookie, any page
   * session): every api process refuses it from the next request. Other sessions of the account
   * stay; a password change or disabling ends them all (`UsersService.update`).
   * An invalid, expired or already ended token changes nothing.
   */
  async logout(token: string): Promise<void> {
    const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token).catch(() => null);
    if (claims?.jti && typeof claims.exp === 'number') {
      await this.revocations.revoke(claims.jti, claims.exp);
    }
  }

  private dummyPasswordHash(): Promise<string> {
    this.dummyHash ??= hashPassword('no account has this password');
    return this.dummyHash;
  }
}

function toAuthUser(row: AuthUserRow): AuthUser {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    ...(row.learning_centre_id ? { learningCentreId: row.learning_centre_id } : {}),
    ...(row.county_code ? { countyCode: row.county_code.trim() } : {}),
    municipalityCodes: row.role === 'admin' ? [] : (row.municipality_codes ?? []),
  };
}
