import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, DomainErrorKind } from '@km/common';
import { isPageRequest, renderErrorPage } from '../pages/error.page';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { Problem, PROBLEM_CONTENT_TYPE, problem } from './problem';
import { UnsafeJsonError } from './request-body';
import { RequestValidationException } from './validation.exception';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  validation: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
  unavailable: 503,
};

// PostgreSQL error classes a client can cause or a restart can cause. 22021/22P05: a string
// PostgreSQL cannot store, e.g. a NUL character in an id taken from the path.
const PG_BAD_INPUT = new Set([
  '22P02',
  '22001',
  '22003',
  '22007',
  '22008',
  '22021',
  '22P05',
  '23502',
  '23514',
]);

/**
 * Turns every error into RFC 9457 problem+json (on the Swedish pages: an HTML error page with
 * the same status). Bad input never becomes a 500; unexpected errors are logged with the
 * request id and answered without internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const body = this.toProblem(exception, request);
    if (body.status === 503) {
      // An outage fails every request alike: one line each, without the stack.
      const reason = (exception as { message?: unknown } | null)?.message;
      this.logger.warn({ requestId: request.id, reason: String(reason) }, 'dependency unavailable');
    } else if (body.status >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, 'request failed');
    }
    if (response.headersSent) return;
    if (body.status === 429 && !response.getHeader('Retry-After'))
      response.setHeader('Retry-After', '60');
    if (body.status === 503 && !response.getHeader('Retry-After'))
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    const path = request.originalUrl?.split('?')[0];
    if (isPageRequest(path)) {
      response.status(body.status).type('html').send(renderErrorPage(body.status, path));
      return;
    }
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(exception: unknown, request: Request): Problem {
    const instance = request.originalUrl?.split('?')[0];
    if (exception instanceof RequestValidationException) {
      return problem(400, 'The request has invalid fields.', {
        errors: exception.fieldProblems,
        instance,
      });
    }
    if (exception instanceof DomainError) {
      const status = STATUS_OF_KIND[exception.kind];
      return {
        ...problem(status, exception.message, { instance }),
        type: `/problems/${exception.code}`,
        ...(exception.fieldProblems.length ? { errors: exception.fieldProblems } : {}),
      };
    }
    if (exception instanceof UnsafeJsonError) {
      return problem(400, exception.message, { instance });
    }
    if (exception instanceof ThrottlerException) {
      return problem(429, 'Too many requests; try again later.', { instance });
    }
    if (exception instanceof HttpException) {
      return problem(exception.getStatus(), messageOf(exception), { instance });
    }
    const status = statusOfLowLevelError(exception);
    if (status) return problem(status, detailOfLowLevelError(status), { instance });
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code ?? '';
      if (PG_BAD_INPUT.has(code))
        return problem(400, 'A value in the request is not valid.', { instance });
    }
    if (isDatabaseUnavailable(exception)) {
      return problem(503, 'The database is temporarily unavailable; please retry.', { instance });
    }
    return problem(500, 'An unexpected error occurred.', { instance, requestId: request.id });
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Errors thrown by body-parser and friends carry a status of their own. */
function statusOfLowLevelError(exception: unknown): number | undefined {
  const status =
    (exception as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function detailOfLowLevelError(status: number): string {
  if (status === 413) return 'The request body is too large.';
  if (status === 415) return 'Unsupported content type; send application/json.';
  return 'The request body could not be parsed.';
}
