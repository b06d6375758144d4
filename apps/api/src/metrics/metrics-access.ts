import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '@km/config';
import { problem, PROBLEM_CONTENT_TYPE } from '../common/problem';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may read /metrics (METRICS_TOKEN): anyone in development, a scraper sending the token as a
 * bearer when one is set, and nobody in production without one (the metrics name routes,
 * volumes and queue depths: reconnaissance for an attacker).
 */
export function metricsAccess(config: AppConfig) {
  const setting = config.http.metrics;
  return (req: Request, res: Response, next: NextFunction) => {
    if (setting === 'public') return next();
    if (setting === 'off') {
      return send(res, 404, 'Not found');
    }
    const header = req.headers.authorization ?? '';
    const given = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '';
    if (timingSafeEqual(digest(given), digest(setting.token))) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    return send(res, 401, 'Send the metrics token as a bearer token');
  };
}

function send(res: Response, status: number, detail: string): void {
  res
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem(status, detail)));
}
