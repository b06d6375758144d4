import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Request, Response } from 'express';
import { Histogram } from 'prom-client';
import { Observable, finalize } from 'rxjs';

export const HTTP_DURATION_METRIC = 'http_request_duration_seconds';

/** Records request durations by route pattern (not raw URL, to keep label cardinality bounded). */
@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  constructor(@InjectMetric(HTTP_DURATION_METRIC) private readonly histogram: Histogram<string>) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const stop = this.histogram.startTimer();
    return next.handle().pipe(
      finalize(() => {
        const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
        stop({
          method: request.method,
          route,
          status: String(http.getResponse<Response>().statusCode),
        });
      }),
    );
  }
}
