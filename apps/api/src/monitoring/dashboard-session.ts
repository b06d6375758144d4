import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CookieOptions, Request, Response } from 'express';
import { AppConfig } from '@km/config';

export const DASHBOARD_PATH = '/uppfoljning';
export const SESSION_COOKIE = 'km_uppfoljning';
export const CSRF_COOKIE = 'km_uppfoljning_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * The dashboard's browser session. The session cookie holds the same JWT the API issues, but
 * only for /uppfoljning (the API itself stays bearer-only, so it cannot be driven by a cookie).
 * Forms carry a CSRF token: an HMAC of a random per-browser cookie (signed double submit), and
 * POSTs must come from our own origin; SameSite=Strict on both cookies is the first line.
 */
export class DashboardSession {
  constructor(private readonly config: AppConfig) {}

  private cookieOptions(req: Request): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'strict',
      // Behind a TLS proxy (trust proxy) req.secure is true; production is always https.
      secure: req.secure || this.config.nodeEnv === 'production',
      path: DASHBOARD_PATH,
    };
  }

  sessionToken(req: Request): string | undefined {
    const token = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    return typeof token === 'string' && token.length > 0 && token.length < 4096 ? token : undefined;
  }

  startSession(req: Request, res: Response, accessToken: string, expiresInSeconds: number): void {
    res.cookie(SESSION_COOKIE, accessToken, {
      ...this.cookieOptions(req),
      maxAge: expiresInSeconds * 1000,
    });
    // A new CSRF secret for the new session.
    this.issueCsrfSecret(req, res);
  }

  endSession(req: Request, res: Response): void {
    res.clearCookie(SESSION_COOKIE, this.cookieOptions(req));
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
    return createHmac('sha256', this.config.jwt.secret)
      .update(`uppfoljning-csrf:${secret}`)
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
