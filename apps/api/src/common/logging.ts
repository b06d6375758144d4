import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';
import { redactingLogMethod, redactLogText, redactUrl } from '@km/common';
import { AppConfig } from '@km/config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Structured JSON logs with a request id per request; secrets and personal data redacted. */
export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (request: IncomingMessage, response: ServerResponse) => {
        const given = request.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        response.setHeader('X-Request-Id', id);
        return id;
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.accessToken',
          '*.trackingToken',
        ],
        censor: '[redacted]',
      },
      hooks: { logMethod: redactingLogMethod },
      serializers: {
        // Tracking tokens in URLs are secrets: log the route, not the token.
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
        // Response headers add nothing but size, and Location may carry a tracking token.
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
      autoLogging: {
        ignore: (req: IncomingMessage) => req.url === '/health/live' || req.url === '/metrics',
      },
    },
  };
}

/**
 * Errors without their bound values: a failed query carries its parameters (contact e-mail,
 * phone), so only the SQL text, SQLSTATE and stack are kept.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!error || typeof error !== 'object') return { message: String(error) };
  // pino-http hands over the standard serialisation ({type, message, stack, …own fields}).
  const e = error as {
    type?: unknown;
    name?: unknown;
    message?: unknown;
    stack?: unknown;
    code?: unknown;
  };
  const driverCode = (error as { driverError?: { code?: unknown } }).driverError?.code;
  const type = typeof e.type === 'string' ? e.type : e.name;
  return {
    type: typeof type === 'string' ? type : 'Error',
    message: redactLogText(String(e.message ?? '')),
    ...((e.code ?? driverCode) ? { code: String(e.code ?? driverCode) } : {}),
    stack: typeof e.stack === 'string' ? redactLogText(e.stack) : undefined,
  };
}
