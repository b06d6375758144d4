import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';
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
      serializers: {
        // Tracking tokens in URLs are secrets: log the route, not the token.
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url.replace(/(\/track\/|\/behov\/)[A-Za-z0-9_-]{16,}/, '$1[token]'),
        }),
      },
      autoLogging: {
        ignore: (req: IncomingMessage) => req.url === '/health/live' || req.url === '/metrics',
      },
    },
  };
}
