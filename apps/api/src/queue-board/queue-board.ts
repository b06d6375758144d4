import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';
import { AuthService, AuthUser } from '@km/auth';
import { APP_CONFIG, AppConfig } from '@km/config';
import { QueueRegistry, WORKED_QUEUES } from '@km/queue';
import { problem, PROBLEM_CONTENT_TYPE } from '../common/problem';
import { countLoginAttempt } from '../common/throttling';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * The UI fetches every few seconds with the same Basic credentials: the token a verified login
 * got is kept briefly so not every fetch costs an argon2 check and a login attempt. The token is
 * still verified on every request, so a disabled, deleted or logged-out admin loses access at once.
 */
const CREDENTIAL_CACHE_MS = 60_000;

/**
 * Bull Board over every queue, for admins only. A browser logs in with HTTP Basic (the admin's
 * e-mail and password); API clients may send their admin bearer token instead.
 */
export function mountQueueBoard(app: NestExpressApplication): void {
  const registry = app.get(QueueRegistry);
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    // Only queues a worker takes jobs from: any other would show "No workers" for ever.
    queues: WORKED_QUEUES.map((name) => new BullMQAdapter(registry.queue(name))),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Kompetensmäklaren' } },
  });
  board.setViewsPath(viewsWithoutWebFonts());
  app.use(
    QUEUE_BOARD_PATH,
    adminOnly(app.get(AuthService), app.get(ThrottlerStorage), app.get<AppConfig>(APP_CONFIG)),
    board.getRouter(),
  );
}

/**
 * Bull Board's page template without its Google Fonts link, and with our stylesheet and script
 * that make it pass axe (see public/queue-board.*): the content-security policy allows
 * styles from this origin only (and nothing may leave for Google), so the link was blocked with a
 * console error on every visit. The board's CSS falls back to the system font. The template is
 * the installed package's own, copied once per process, so an upgrade brings its new asset names.
 */
function viewsWithoutWebFonts(): string {
  const ui = join(dirname(require.resolve('@bull-board/ui/package.json')), 'dist');
  const template = readFileSync(join(ui, 'index.ejs'), 'utf8')
    .replace(/<link[^>]*fonts\.(googleapis|gstatic)\.com[^>]*>\s*/g, '')
    // Our remedies for the board's unnamed icon buttons and low-contrast colours (axe-clean).
    .replace('</head>', '<link href="/assets/queue-board.css" rel="stylesheet"></head>')
    .replace('</body>', '<script defer src="/assets/queue-board.js"></script></body>');
  const dir = mkdtempSync(join(tmpdir(), 'km-queue-board-'));
  writeFileSync(join(dir, 'index.ejs'), template);
  return dir;
}

type Verdict = { user: AuthUser } | { retryAfter: number } | null;

function adminOnly(auth: AuthService, limits: ThrottlerStorage, config: AppConfig) {
  const tokens = new Map<string, { token: string; until: number }>();

  const basicLogin = async (value: string, ip: string): Promise<Verdict> => {
    const key = createHash('sha256').update(value).digest('hex');
    const cached = tokens.get(key);
    if (cached && cached.until > Date.now()) {
      const user = await auth.authenticate(cached.token).catch(() => null);
      if (user) return { user };
      tokens.delete(key);
    }
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return null;
    const email = decoded.slice(0, colon);
    // The same per-account and per-client buckets as the API and dashboard login forms.
    const retryAfter = await countLoginAttempt(limits, config, ip, email);
    if (retryAfter) return { retryAfter };
    try {
      const login = await auth.login(email, decoded.slice(colon + 1));
      const user = await auth.authenticate(login.accessToken);
      tokens.set(key, { token: login.accessToken, until: Date.now() + CREDENTIAL_CACHE_MS });
      return { user };
    } catch {
      return null;
    }
  };

  const verdict = async (header: string | undefined, ip: string): Promise<Verdict> => {
    const [scheme, value] = (header ?? '').trim().split(/\s+/, 2);
    if (!value) return null;
    if (/^bearer$/i.test(scheme)) {
      const user = await auth.authenticate(value).catch(() => null);
      return user && { user };
    }
    return /^basic$/i.test(scheme) ? basicLogin(value, ip) : null;
  };

  return async (req: Request, res: Response, next: NextFunction) => {
    const now = Date.now();
    for (const [key, entry] of tokens) if (entry.until <= now) tokens.delete(key);
    const result = await verdict(req.headers.authorization, req.ip ?? '');
    if (result && 'retryAfter' in result) {
      res.setHeader('Retry-After', String(result.retryAfter));
      return send(res, 429, 'Too many failed logins; wait a minute and try again');
    }
    if (!result) {
      res.setHeader('WWW-Authenticate', 'Basic realm="Kompetensmäklaren queues", charset="UTF-8"');
      return send(res, 401, 'Log in with an admin account to see the queues');
    }
    if (result.user.role !== 'admin') return send(res, 403, 'Only admins may see the queues');
    next();
  };
}

function send(res: Response, status: number, detail: string): void {
  res
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem(status, detail)));
}
