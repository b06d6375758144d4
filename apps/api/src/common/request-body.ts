import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RequestValidationException } from './validation.exception';

/** No request body of this API nests deeper than 3; class-transformer recurses per level. */
export const MAX_JSON_DEPTH = 16;

/**
 * Keys that name members of Object.prototype. class-validator's whitelist looks fields up in a
 * plain object, so `toString` or `constructor` count as "known" and slip through
 * forbidNonWhitelisted; `__proto__` would replace a DTO's prototype in class-transformer.
 */
const FORBIDDEN_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** A JSON body that parses but is refused before any DTO sees it (answered with a 400). */
export class UnsafeJsonError extends Error {}

const depths = new WeakMap<object, number>();

/** In unicode mode a surrogate pair is one code point, so this matches lone surrogates only. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * JSON.parse reviver for request bodies: refuses prototype keys, nesting deeper than
 * MAX_JSON_DEPTH (a few kB of `[[[[…` overflow class-transformer's stack: a 500 otherwise) and
 * text with lone surrogates (`"\ud800"` is valid JSON but not Unicode; validator's isEmail
 * throws a URIError on it). The reviver sees children before their parent, so each node's
 * depth is known from theirs.
 */
export function safeJsonReviver(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) {
    throw new UnsafeJsonError(`The field "${key}" is not allowed.`);
  }
  if (LONE_SURROGATE.test(key) || (typeof value === 'string' && LONE_SURROGATE.test(value))) {
    throw new UnsafeJsonError('The body contains text that is not valid Unicode.');
  }
  if (value !== null && typeof value === 'object') {
    let depth = 1;
    for (const child of Object.values(value)) {
      if (child !== null && typeof child === 'object') {
        depth = Math.max(depth, (depths.get(child) ?? 1) + 1);
      }
    }
    if (depth > MAX_JSON_DEPTH) {
      throw new UnsafeJsonError(`The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
    }
    depths.set(value, depth);
  }
  return value;
}

const PARSED_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded']);
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Answers 415 to a write whose body is of a type no parser reads. Without this, such a body
 * reaches the handler as "no body", and a route whose fields are all optional would act on it.
 */
export function rejectUnparsedBodies(req: Request, _res: Response, next: NextFunction): void {
  const length = req.headers['content-length'];
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody || !METHODS_WITH_BODY.has(req.method)) return next();
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (PARSED_TYPES.has(type)) return next();
  next(
    new UnsupportedMediaTypeException(
      'Unsupported content type; send application/json (or a form as application/x-www-form-urlencoded).',
    ),
  );
}

/**
 * Answers 400 to a query parameter named like an Object.prototype member (`?toString=x`): as in
 * bodies, the DTO whitelist would take it for a known field and pass it on silently.
 */
export function rejectUnsafeQueries(req: Request, _res: Response, next: NextFunction): void {
  const url = req.originalUrl ?? req.url;
  const question = url.indexOf('?');
  if (question < 0) return next();
  for (const key of new URLSearchParams(url.slice(question + 1)).keys()) {
    const name = key.replace(/\[.*$/, '');
    if (FORBIDDEN_KEYS.has(name) || LONE_SURROGATE.test(name)) {
      return next(
        new RequestValidationException([
          { field: name, message: `${name} is not a known query parameter` },
        ]),
      );
    }
  }
  next();
}
