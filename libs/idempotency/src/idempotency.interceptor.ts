import {
  applyDecorators,
  BadRequestException,
  CallHandler,
  ConflictException,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UnprocessableEntityException,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { from, Observable, of } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { requestHash } from './canonical-json';
import { IdempotencyService } from './idempotency.service';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const SCOPE_KEY = 'km:idempotency-scope';
/** Printable ASCII without spaces, as most APIs accept (UUIDs, ULIDs, random strings). */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

interface HttpRequest {
  method: string;
  /** The path actually requested, e.g. /api/v1/admin/proposals/p-1/approve. */
  path: string;
  body?: unknown;
  /** Set by the auth guard on authenticated routes. */
  user?: { id?: string };
  header(name: string): string | undefined;
}
interface HttpResponse {
  statusCode: number;
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
}

/**
 * Makes a write safe to retry: with an `Idempotency-Key` header, the first answer (status and
 * body) is stored and replayed to any later request with the same key and the same body (with
 * `Idempotent-Replayed: true`); the same key with a different body is a 422, and while the first
 * request is still running a 409. Failed requests (errors) are not stored, so they can be retried.
 * Requests without the header pass through untouched.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const response = http.getResponse<HttpResponse>();
    const key = request.header(IDEMPOTENCY_HEADER);
    if (key === undefined) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      throw new BadRequestException(
        `${IDEMPOTENCY_HEADER} must be 1–255 printable ASCII characters without spaces`,
      );
    }
    // A key belongs to one resource and one caller: the same key sent to another proposal, or by
    // another account, must never replay someone else's answer.
    const scope = [
      this.reflector.get<string | undefined>(SCOPE_KEY, context.getHandler()) ??
        `${request.method} ${request.path}`,
      request.user?.id ? `user:${request.user.id}` : null,
    ]
      .filter(Boolean)
      .join(' ');
    const hash = requestHash(request.body);
    return from(this.idempotency.claim(scope, key, hash)).pipe(
      mergeMap((claim) => {
        switch (claim.kind) {
          case 'replay':
            response.status(claim.status);
            response.setHeader('Idempotent-Replayed', 'true');
            return of(claim.body);
          case 'mismatch':
            throw new UnprocessableEntityException(
              `This ${IDEMPOTENCY_HEADER} was already used with a different request body`,
            );
          case 'in-flight':
            throw new ConflictException(
              `A request with this ${IDEMPOTENCY_HEADER} is still being processed; retry shortly`,
            );
          case 'claimed':
            return next.handle().pipe(
              mergeMap(async (body) => {
                await this.idempotency.complete(scope, key, response.statusCode, body);
                return body;
              }),
              catchError(async (error) => {
                await this.idempotency.release(scope, key).catch(() => undefined);
                throw error;
              }),
            );
        }
      }),
    );
  }
}

/**
 * Accepts an `Idempotency-Key` header on this route. The scope defaults to the method and route
 * path; give one to share keys between routes.
 */
export function Idempotent(scope?: string): MethodDecorator {
  return applyDecorators(
    ...(scope ? [SetMetadata(SCOPE_KEY, scope)] : []),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description:
        'Any unique string (e.g. a UUID). A retry with the same key and body gets the first answer; ' +
        'the same key with another body is a 422.',
    }),
  );
}
