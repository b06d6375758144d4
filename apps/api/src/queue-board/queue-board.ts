import { createHash } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { AuthService, AuthUser } from '@km/auth';
import { QueueName, QueueRegistry } from '@km/queue';
import { problem, PROBLEM_CONTENT_TYPE } from '../common/problem';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** Verified Basic credentials are remembered briefly: the UI fetches every few seconds. */
const CREDENTIAL_CACHE_MS = 60_000;
/** Failed logins per client and minute before the board answers 429. */
const MAX_FAILURES_PER_MINUTE = 10;

/**
 * Bull Board over every queue, for admins only. A browser logs in with HTTP Basic (the admin's
 * e-mail and password); API clients may send their admin bearer token instead.
 */
export function mountQueueBoard(app: NestExpressApplication): void {
  const registry = app.get(QueueRegistry);
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(registry.queue(name))),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Kompetensmäklaren' } },
  });
  app.use(QUEUE_BOARD_PATH, adminOnly(app.get(AuthService)), board.getRouter());
}

function adminOnly(auth: AuthService) {
  const verified = new Map<string, { user: AuthUser; until: number }>();
  const failures = new Map<string, { count: number; since: number }>();

  const authenticate = async (header: string | undefined): Promise<AuthUser | null> => {
    const [scheme, value] = (header ?? '').trim().split(/\s+/, 2);
    if (!value) return null;
    if (/^bearer$/i.test(scheme)) return auth.authenticate(value).catch(() => null);
    if (!/^basic$/i.test(scheme)) return null;
    const key = createHash('sha256').update(value).digest('hex');
    const cached = verified.get(key);
    if (cached && cached.until > Date.now()) return cached.user;
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return null;
    try {
      const login = await auth.login(decoded.slice(0, colon), decoded.slice(colon + 1));
      const user = await auth.authenticate(login.accessToken);
      verified.set(key, { user, until: Date.now() + CREDENTIAL_CACHE_MS });
      return user;
    } catch {
      return null;
    }
  };

  return async (req: Request, res: Response, next: NextFunction) => {
    const client = req.ip ?? '';
    const now = Date.now();
    // Forget minutes that have passed, so the maps stay as small as the current traffic.
    for (const [key, entry] of failures) if (now - entry.since > 60_000) failures.delete(key);
    for (const [key, entry] of verified) if (entry.until <= now) verified.delete(key);
    if ((failures.get(client)?.count ?? 0) >= MAX_FAILURES_PER_MINUTE) {
      return send(res, 429, 'Too many failed logins; wait a minute and try again');
    }
    const user = await authenticate(req.headers.authorization);
    if (!user) {
      const entry = failures.get(client) ?? { count: 0, since: now };
      entry.count += req.headers.authorization ? 1 : 0;
      failures.set(client, entry);
      res.setHeader('WWW-Authenticate', 'Basic realm="Kompetensmäklaren queues", charset="UTF-8"');
      return send(res, 401, 'Log in with an admin account to see the queues');
    }
    if (user.role !== 'admin') return send(res, 403, 'Only admins may see the queues');
    next();
  };
}

function send(res: Response, status: number, detail: string): void {
  res
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem(status, detail)));
}
