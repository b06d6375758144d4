import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CookieOptions, Request, Response } from 'express';
import {
  AuthenticationRequiredError,
  AuthService,
  AuthUser,
  Role,
  SessionTokenService,
} from '@km/auth';
import { APP_CONFIG, AppConfig, purposeKey } from '@km/config';

export const LOGIN_PATH = '/logga-in';
export const LOGOUT_PATH = '/logga-ut';
export const SESSION_COOKIE = 'km_personal';
export const CSRF_COOKIE = 'km_personal_csrf';
export const CSRF_FIELD = '_csrf';

/** A working day: however active, a session ends this long after the password login. */
export const SESSION_MAX_SECONDS = 10 * 60 * 60;
/** A used session's token is re-issued at most this often (each renewal restarts the idle time). */
export const SESSION_RENEW_AFTER_SECONDS = 5 * 60;

/** Where each role starts after logging in. */
export const START_PAGE: Record<Role, string> = {
  broker: '/maklare',
  regional: '/uppfoljning',
  admin: '/personal',
  provider: '/utbud',
};

/** Paths a login may send the browser back to (never another site). */
const RETURN_PATHS =
  /^\/(maklare|uppfoljning|utbud|personal)(\/[A-Za-z0-9/._~-]*)?(\?[A-Za-z0-9=&%._~+-]*)?$/;

export function safeReturnPath(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 500 && RETURN_PATHS.test(value)
    ? value
    : undefined;
}

/**
 * The staff pages' browser session (one login for /maklare, /utbud, /uppfoljning, /personal). The session
 * cookie holds the JWT the API issues, checked through AuthService on every request (so disabled
 * accounts and revoked tokens end the session); the API itself stays bearer-only, so it cannot be
 * driven by a cookie. A used session is renewed (new token, fresh idle time) up to
 * SESSION_MAX_SECONDS after the login. Forms carry a CSRF token: an HMAC of a random per-browser
 * cookie (signed double submit), and POSTs must come from our own origin; SameSite=Strict on both
 * cookies is the first line.
 */
@Injectable()
export class StaffSession {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly tokens: SessionTokenService,
  ) {}

  private cookieOptions(req: Request): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'strict',
      // Behind a TLS proxy (trust proxy) req.secure is true; production is always https.
      secure: req.secure || this.config.nodeEnv === 'production',
      path: '/',
    };
  }

  sessionToken(req: Request): string | undefined {
    const token = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    return typeof token === 'string' && token.length > 0 && token.length < 4096 ? token : undefined;
  }

  startSession(req: Request, res: Response, accessToken: string, expiresInSeconds: number): void {
    this.setSessionCookie(req, res, accessToken, expiresInSeconds);
    // A new CSRF secret for the new session.
    this.issueCsrfSecret(req, res);
  }

  endSession(req: Request, res: Response): void {
    res.clearCookie(SESSION_COOKIE, this.cookieOptions(req));
  }

  /**
   * The logged-in account of this browser, or undefined. A token older than
   * SESSION_RENEW_AFTER_SECONDS is replaced by a renewed one; past the absolute limit the
   * session is over.
   */
  async currentUser(req: Request, res: Response): Promise<AuthUser | undefined> {
    const token = this.sessionToken(req);
    if (!token) return undefined;
    let user: AuthUser;
    try {
      user = await this.auth.authenticate(token);
    } catch (error) {
      if (error instanceof AuthenticationRequiredError) return undefined;
      throw error;
    }
    const authTime = this.tokens.authTime(token) ?? 0;
    if (Date.now() / 1000 - authTime >= SESSION_MAX_SECONDS) return undefined;
    if (this.tokens.age(token) >= SESSION_RENEW_AFTER_SECONDS) {
      const renewed = await this.tokens.renew(
        token,
        SESSION_MAX_SECONDS,
        this.config.jwt.ttlSeconds,
      );
      if (renewed) this.setSessionCookie(req, res, renewed.accessToken, renewed.expiresIn);
    }
    return user;
  }

  /** The CSRF token for this browser's forms; sets the secret cookie when there is none yet. */
  csrfToken(req: Request, res: Response): string {
    const secret = this.csrfSecret(req) ?? this.issueCsrfSecret(req, res);
    return this.sign(secret);
  }

  /**
   * True when a POST carries the token of this browser's secret and, if the browser says where
   * it comes from (Origin, else Referer), comes from this site.
   */
  verifyPost(req: Request, submitted: unknown): boolean {
    if (!this.sameOrigin(req)) return false;
    const secret = this.csrfSecret(req);
    if (!secret || typeof submitted !== 'string') return false;
    const expected = Buffer.from(this.sign(secret));
    const actual = Buffer.from(submitted);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private setSessionCookie(req: Request, res: Response, token: string, seconds: number): void {
    res.cookie(SESSION_COOKIE, token, { ...this.cookieOptions(req), maxAge: seconds * 1000 });
    (req.cookies as Record<string, string>)[SESSION_COOKIE] = token;
  }

  private csrfSecret(req: Request): string | undefined {
    const value = (req.cookies as Record<string, unknown> | undefined)?.[CSRF_COOKIE];
    return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
  }

  private issueCsrfSecret(req: Request, res: Response): string {
    const secret = randomBytes(32).toString('base64url');
    res.cookie(CSRF_COOKIE, secret, this.cookieOptions(req));
    // The token of the current response must match the cookie the browser will now hold.
    (req.cookies as Record<string, string>)[CSRF_COOKIE] = secret;
    return secret;
  }

  private sign(secret: string): string {
    return createHmac('sha256', purposeKey(this.config.jwt.secret, 'csrf'))
      .update(`personal-csrf:${secret}`)
      .digest('base64url');
  }

  private sameOrigin(req: Request): boolean {
    // Browsers send Origin on every form POST; "null" (opaque origins) is never ours.
    const claimed = req.get('origin') ?? originOf(req.get('referer'));
    if (claimed === undefined) return true;
    const own = new Set([
      `${req.protocol}://${req.get('host')}`,
      originOf(this.config.http.publicBaseUrl),
    ]);
    return own.has(claimed);
  }
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Sends a staff page: never cached, never indexed. */
export function sendPage(res: Response, status: number, page: string): void {
  res
    .status(status)
    .setHeader('Cache-Control', 'no-store')
    // Not helmet's no-referrer: under it browsers send "Origin: null" with same-origin form
    // POSTs, and the CSRF check needs the real Origin. Other sites still get no referrer.
    .setHeader('Referrer-Policy', 'same-origin')
    .setHeader('X-Robots-Tag', 'noindex')
    .type('html')
    .send(page);
}
