import { Injectable, NestMiddleware } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';

export const HTTP_DURATION_METRIC = 'http_request_duration_seconds';

/**
 * Records every request's duration when its response has finished, with the status actually
 * sent: guard refusals (401/403/429), filters' rewrites and errors included, which an
 * interceptor never sees. Labelled by route pattern (not the raw URL, to bound cardinality and
 * keep tracking tokens out).
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@InjectMetric(HTTP_DURATION_METRIC) private readonly histogram: Histogram<string>) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.histogram.startTimer();
    res.once('finish', () => {
      const pattern = (req.route as { path?: string } | undefined)?.path;
      stop({
        method: req.method,
        route: pattern ? `${req.baseUrl}${pattern}` : req.baseUrl || 'unmatched',
        status: String(res.statusCode),
      });
    });
    next();
  }
}
