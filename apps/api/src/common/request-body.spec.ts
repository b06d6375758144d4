import type { NextFunction, Request, Response } from 'express';
import { RequestValidationException } from './validation.exception';
import { UnsupportedMediaTypeException } from '@nestjs/common';
import {
  MAX_JSON_DEPTH,
  rejectUnparsedBodies,
  rejectUnsafeQueries,
  safeJsonReviver,
  UnsafeJsonError,
} from './request-body';

const parse = (text: string) => JSON.parse(text, safeJsonReviver);

describe('safeJsonReviver', () => {
  it('keeps ordinary bodies as they are', () => {
    const body = { a: [1, { b: 'åäö 😀' }], c: null, d: '<script>' };
    expect(parse(JSON.stringify(body))).toEqual(body);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf'])(
    'refuses the key %s at any depth',
    (key) => {
      expect(() => parse(`{"${key}":{"polluted":true}}`)).toThrow(UnsafeJsonError);
      expect(() => parse(`{"a":[{"${key}":1}]}`)).toThrow(`The field "${key}" is not allowed.`);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it(`allows ${MAX_JSON_DEPTH} levels of nesting and refuses one more`, () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(() => parse(nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => parse(nested(MAX_JSON_DEPTH + 1))).toThrow(UnsafeJsonError);
    expect(() => parse(`{"a":${nested(MAX_JSON_DEPTH)}}`)).toThrow(UnsafeJsonError);
    expect(() => parse(nested(30_000))).toThrow();
  });

  it('refuses lone surrogates in values and keys, but not surrogate pairs', () => {
    expect(() => parse('{"email":"\\ud800@example.se"}')).toThrow(UnsafeJsonError);
    expect(() => parse('{"x\\udfff":1}')).toThrow(UnsafeJsonError);
    expect(parse('{"a":"\\ud83d\\ude00"}')).toEqual({ a: '😀' });
  });
});

describe('rejectUnparsedBodies', () => {
  const run = (method: string, headers: Record<string, string>) => {
    const next = jest.fn() as jest.MockedFunction<NextFunction>;
    rejectUnparsedBodies({ method, headers } as unknown as Request, {} as Response, next);
    return next.mock.calls[0][0];
  };

  it('lets through JSON, forms and writes without a body', () => {
    expect(run('POST', { 'content-type': 'application/json', 'content-length': '2' })).toBe(
      undefined,
    );
    expect(
      run('POST', {
        'content-type': 'Application/X-WWW-Form-Urlencoded; charset=utf-8',
        'content-length': '3',
      }),
    ).toBe(undefined);
    expect(run('POST', { 'content-length': '0' })).toBe(undefined);
    expect(run('POST', {})).toBe(undefined);
    expect(run('GET', { 'content-type': 'text/plain', 'content-length': '5' })).toBe(undefined);
  });

  it('answers 415 to a write with a body no parser reads', () => {
    for (const type of ['text/plain', 'application/vnd.api+json', 'multipart/form-data', '']) {
      expect(run('POST', { 'content-type': type, 'content-length': '9' })).toBeInstanceOf(
        UnsupportedMediaTypeException,
      );
    }
    expect(
      run('PATCH', { 'content-type': 'application/xml', 'transfer-encoding': 'chunked' }),
    ).toBeInstanceOf(UnsupportedMediaTypeException);
  });
});

describe('rejectUnsafeQueries', () => {
  const run = (originalUrl: string) => {
    const next = jest.fn() as jest.MockedFunction<NextFunction>;
    rejectUnsafeQueries({ originalUrl } as unknown as Request, {} as Response, next);
    return next.mock.calls[0][0];
  };

  it('lets ordinary queries through', () => {
    expect(run('/api/v1/admin/proposals?status=open&limit=20')).toBe(undefined);
    expect(run('/api/v1/competences?q=truck%20kort')).toBe(undefined);
    expect(run('/health/ready')).toBe(undefined);
  });

  it('answers 400 naming a parameter called like an Object.prototype member', () => {
    for (const url of ['/x?toString=1', '/x?a=1&constructor=2', '/x?__proto__[polluted]=1']) {
      const error = run(url) as unknown as RequestValidationException;
      expect(error).toBeInstanceOf(RequestValidationException);
      expect(error.fieldProblems[0].message).toMatch(/is not a known query parameter/);
    }
  });
});
