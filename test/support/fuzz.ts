import fc from 'fast-check';

/**
 * fast-check arbitraries for hostile HTTP input: strings, numbers and keys that have broken
 * servers before, bodies that are guaranteed to be invalid (so that nothing may be stored),
 * malformed JSON, and headers and queries a client can send.
 */

/** Strings meant to break parsers, databases, HTML and logs. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  '\u202eRTL override\u202c',
  'مرحبا بالعالم',
  'zero\u200bwidth\u200d\ufeff',
  '\u0301\u0301\u0301',
  'ﷺ'.repeat(50),
  '😀'.repeat(20),
  '\r\nX-Injected: yes',
  '\u0085\u2028\u2029',
  '\u001b[31mred',
  "' OR '1'='1",
  "'; DROP TABLE need; --",
  '1; SELECT pg_sleep(5)',
  '" OR ""="',
  '$1',
  '%s%s%n',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '</title><svg onload=alert(1)>',
  '&lt;&amp;&#0;',
  '../../../../etc/passwd',
  '%2e%2e%2f',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
];

/** Keys that pollute prototypes or confuse object handling. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '',
  ' ',
  '\u0000',
  'a.b',
  '$where',
  '0',
  'length',
];

export const HOSTILE_NUMBERS = [
  -1,
  -0,
  0.5,
  -2147483649,
  2147483648,
  9007199254740993,
  1e21,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
];

export const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('x', 'å', '😀', '<', '\u0000'), fc.integer({ min: 201, max: 70_000 }))
      .map(([c, n]) => c.repeat(n)),
  },
);

/** A JSON value of another kind than a string/number/boolean/array/object leaf; never null. */
const notString = fc.oneof(
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { minLength: 1, maxLength: 3 }),
);
const notNumber = fc.oneof(
  hostileString,
  fc.boolean(),
  fc.constant([]),
  fc.constant({ $gt: 0 }),
  fc.constant(0.5),
);
const notBoolean = fc.oneof(fc.constantFrom('true', 1, 0, 'ja', 'on'), fc.constant([true]));
const notArray = fc.oneof(hostileString, fc.constantFrom(...HOSTILE_NUMBERS), fc.constant({}));
const notObject = fc.oneof(
  hostileString,
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.boolean(),
  fc.constant([]),
);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path to a value in a JSON document (not the root). */
function paths(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(value)
    ? value.map((_, i) => i)
    : Object.keys(value);
  return keys.flatMap((key) => {
    const child = (value as Record<string | number, Json>)[key];
    return [[...prefix, key], ...paths(child, [...prefix, key])];
  });
}

function objectPaths(value: Json): Path[] {
  const all: Path[] = [[], ...paths(value)];
  return all.filter((p) => {
    const node = get(value, p);
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });
}

/** The node at a path; null when an earlier mutation replaced a node on the way. */
function get(value: Json, path: Path): Json {
  return path.reduce<Json>(
    (node, key) =>
      node !== null && typeof node === 'object'
        ? ((node as Record<string, Json>)[key] ?? null)
        : null,
    value,
  );
}

/**
 * Sets an own property, so "__proto__" becomes a key rather than the prototype. A no-op when
 * an earlier (breaking) mutation replaced the parent: the body is invalid already.
 */
function setOwn(target: Json, key: string | number, child: Json): void {
  if (target === null || typeof target !== 'object') return;
  if (Array.isArray(target) && typeof key === 'string') return;
  Object.defineProperty(target, key, {
    value: child,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function set(root: Json, path: Path, child: Json): Json {
  if (path.length === 0) return child;
  setOwn(get(root, path.slice(0, -1)), path[path.length - 1], child);
  return root;
}

const clone = (value: Json): Json => JSON.parse(JSON.stringify(value));

function deepNesting(depth: number, kind: 'array' | 'object'): Json {
  let node: Json = 1;
  for (let i = 0; i < depth; i++) node = kind === 'array' ? [node] : { a: node };
  return node;
}

/** A change that makes any DTO-validated body invalid (forbidNonWhitelisted, typed fields). */
function breakingMutation(valid: Json): fc.Arbitrary<(body: Json) => Json> {
  const leaves = paths(valid);
  const objects = objectPaths(valid);
  const anyLeaf = leaves.length ? fc.constantFrom(...leaves) : fc.constant<Path>([]);
  const typeChange = anyLeaf.chain((path) => {
    const original = get(valid, path);
    const replacement =
      typeof original === 'string'
        ? notString
        : typeof original === 'number'
          ? notNumber
          : typeof original === 'boolean'
            ? notBoolean
            : Array.isArray(original)
              ? notArray
              : notObject;
    return replacement.map((value) => (body: Json) => set(body, path, value as Json));
  });
  const unknownKey = fc
    .tuple(
      fc.constantFrom(...objects),
      fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ minLength: 1, maxLength: 12 })),
      fc.oneof(
        fc.constant({ polluted: true, isAdmin: true } as Json),
        fc.constant({ prototype: { polluted: true } } as Json),
        hostileString as fc.Arbitrary<Json>,
        fc.constant(1),
      ),
    )
    .filter(([path, key]) => !Object.prototype.hasOwnProperty.call(get(valid, path), key))
    .map(([path, key, value]) => (body: Json) => {
      setOwn(get(body, path), key, value);
      return body;
    });
  const nested = fc
    .tuple(
      anyLeaf,
      fc.integer({ min: 50, max: 2_000 }),
      fc.constantFrom<'array' | 'object'>('array', 'object'),
    )
    .map(
      ([path, depth, kind]) =>
        (body: Json) =>
          set(body, path, deepNesting(depth, kind)),
    );
  if (leaves.length === 0) return unknownKey;
  return fc.oneof(
    { weight: 4, arbitrary: typeChange },
    { weight: 2, arbitrary: unknownKey },
    { weight: 1, arbitrary: nested },
  );
}

/** A change that may or may not keep the body valid: hostile strings and numbers in fields. */
function noiseMutation(valid: Json): fc.Arbitrary<(body: Json) => Json> {
  const strings = paths(valid).filter((p) => typeof get(valid, p) === 'string');
  const numbers = paths(valid).filter((p) => typeof get(valid, p) === 'number');
  const options: fc.Arbitrary<(body: Json) => Json>[] = [];
  if (strings.length) {
    options.push(
      fc.tuple(fc.constantFrom(...strings), hostileString).map(
        ([path, value]) =>
          (body: Json) =>
            set(body, path, value),
      ),
    );
  }
  if (numbers.length) {
    options.push(
      fc.tuple(fc.constantFrom(...numbers), fc.constantFrom(...HOSTILE_NUMBERS)).map(
        ([path, value]) =>
          (body: Json) =>
            set(body, path, value),
      ),
    );
  }
  return options.length ? fc.oneof(...options) : fc.constant((body: Json) => body);
}

/** Turns JSON text into text no JSON parser accepts (or accepts as something else). */
const malformed = fc.oneof(
  fc.nat().map((n) => (text: string) => text.slice(0, Math.max(1, n % Math.max(1, text.length)))),
  fc.constantFrom(
    (text: string) => `${text}}`,
    (text: string) => `${text},`,
    (text: string) => `${text}${text}`,
    (text: string) => text.replace(/:/, '='),
    (text: string) => text.replace(/"/g, "'"),
    (text: string) => text.replace(/,/, ',,'),
    (text: string) => `\ufeff${text}x`,
    (text: string) => text.replace(/\d+/, 'NaN'),
    (text: string) => text.replace(/\d+/, 'Infinity'),
    (text: string) => text.replace(/"[^"]*"/, '"\\x41"'),
    (text: string) => text.replace(/"[^"]*"/, '"\\uD8"'),
    (text: string) => text.replace(/"[^"]*"/, '"a\tb\nc"'),
    () => ' \n ',
    () => 'null',
    () => '{',
    () => '[',
    () => '"just a string"',
    () => '<?xml version="1.0"?><need/>',
    () => `${'['.repeat(30_000)}${']'.repeat(30_000)}`,
    () => `{"a":${'{"a":'.repeat(6_000)}1${'}'.repeat(6_001)}`,
  ),
);

/** A top-level JSON value that is not an object. */
const notABody = fc.oneof(
  fc.constantFrom<Json>(null, true, 0, -1, 'x', [], [{}], [1, 2, 3]),
  fc.array(fc.jsonValue() as fc.Arbitrary<Json>, { maxLength: 4 }),
);

export interface BadBody {
  /** What is sent, as text. */
  text: string;
  contentType: string;
  /** How it was made, for the failure message. */
  note: string;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/JSON',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/vnd.api+json',
  'image/png',
  'garbage',
];

/**
 * Bodies that are invalid for an endpoint whose valid body is `valid`: the valid body with at
 * least one breaking change (wrong type, unknown or prototype key, deep nesting) among noise,
 * or a body that is not an object at all, or malformed JSON, or another content type.
 */
export function badJsonBody(valid: Json): fc.Arbitrary<BadBody> {
  const mutated = fc
    .tuple(
      fc.array(noiseMutation(valid), { maxLength: 3 }),
      fc.array(breakingMutation(valid), { minLength: 1, maxLength: 2 }),
    )
    .map(([noise, breaking]) =>
      [...noise, ...breaking].reduce((body, mutate) => mutate(body), clone(valid)),
    );
  const json = fc.oneof(
    { weight: 6, arbitrary: mutated.map((body) => ({ body, note: 'mutated' })) },
    { weight: 1, arbitrary: notABody.map((body) => ({ body, note: 'not an object' })) },
  );
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(json, fc.constantFrom('application/json', 'application/json; charset=utf-8'))
        .map(([{ body, note }, contentType]) => ({
          text: JSON.stringify(body),
          contentType,
          note,
        })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(mutated, malformed).map(([body, corrupt]) => ({
        text: corrupt(JSON.stringify(body)),
        contentType: 'application/json',
        note: 'malformed JSON',
      })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(json, fc.constantFrom(...CONTENT_TYPES)).map(([{ body }, type]) => ({
        text: JSON.stringify(body),
        contentType: type,
        note: `as ${type}`,
      })),
    },
  );
}

/** Header values a client can send (Node refuses control characters client-side). */
const headerValue = fc.oneof(
  fc.constantFrom('', ' ', 'null', '0', '-1', 'undefined', '\u00e5\u00e4\u00f6', '%00', '"'),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map(String.fromCharCode), maxLength: 60 }),
  fc
    .tuple(fc.constantFrom('x', '\u00ff', '<'), fc.integer({ min: 100, max: 3_000 }))
    .map(([c, n]) => c.repeat(n)),
);

export type Headers = Record<string, string>;

const header = (name: string, value: fc.Arbitrary<string>) =>
  value.map((v) => [name, v] as [string, string]);

/** Extra headers: idempotency keys, encodings, forwarded addresses, cookies and friends. */
export const badHeaders: fc.Arbitrary<Headers> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: header('Idempotency-Key', headerValue) },
      {
        weight: 2,
        arbitrary: header(
          'Accept',
          fc.oneof(fc.constantFrom('*/*', 'text/html', 'application/xml', 'garbage'), headerValue),
        ),
      },
      {
        weight: 1,
        arbitrary: header(
          'Content-Encoding',
          fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress', 'x'),
        ),
      },
      {
        weight: 2,
        arbitrary: header(
          'X-Forwarded-For',
          fc.oneof(fc.constantFrom('999.1.1.1', '::1', 'unknown', '1.2.3.4, 5.6.7.8'), headerValue),
        ),
      },
      { weight: 1, arbitrary: header('X-Request-Id', headerValue) },
      { weight: 1, arbitrary: header('Cookie', headerValue) },
      { weight: 1, arbitrary: header('Accept-Language', headerValue) },
      { weight: 1, arbitrary: header('If-None-Match', headerValue) },
      {
        weight: 1,
        arbitrary: header('X-HTTP-Method-Override', fc.constantFrom('DELETE', 'PUT', 'GET')),
      },
      { weight: 1, arbitrary: header('X-Fuzz', headerValue) },
    ),
    { maxLength: 4 },
  )
  .map((entries) => Object.fromEntries(entries));

/** Query strings with hostile names and values (endpoints that take none must ignore them). */
export const badQuery: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(...HOSTILE_KEYS, 'limit', 'offset', 'status', 'format', 'a[b]', 'x[]'),
        fc.string({ maxLength: 8 }),
      ),
      fc.oneof(
        hostileString.filter((s) => s.length < 2_000),
        fc.constantFrom('%', '%zz', '%00'),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) =>
    pairs.map(([k, v]) => `${encodeKeepingBadEscapes(k)}=${encodeKeepingBadEscapes(v)}`).join('&'),
  );

/** Percent-encodes like encodeURIComponent, but keeps lone surrogates as raw bad escapes. */
export function encodeKeepingBadEscapes(value: string): string {
  if (/^%(zz|00)?$/.test(value)) return value;
  if (value === '.' || value === '..') return value.replace(/\./g, '%2E');
  return [...value]
    .map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        return '%ED%A0%80';
      }
    })
    .join('');
}

/** Path segments that are not a valid id of anything (ids are looked up, never trusted). */
export const badPathSegment: fc.Arbitrary<string> = fc.oneof(
  hostileString
    .filter((s) => s.length > 0 && s.length < 3_000)
    .map((s) => encodeKeepingBadEscapes(s)),
  fc.uuid(),
  fc.constantFrom('0', '-1', 'p-', '%25', '%00', 'a%00b', 'x%2Fy', 'a;b', '*', '{id}', '%C0%AE'),
);

type Form = Record<string, string | string[]>;

/** A form field and values for it that each spoil the form alone (undefined: left out). */
export type FormBreaker = [field: string, value: fc.Arbitrary<string | undefined>];

/** Definitely-invalid values for fields of the /behov form (each alone spoils the form). */
export const NEED_FORM_BREAKERS: FormBreaker[] = [
  ['consent', fc.constantFrom(undefined, '', 'nej', 'JA', 'true', '1', 'on')],
  [
    'employer.orgNumber',
    fc
      .oneof(fc.constantFrom('556036-0794', '123', ''), hostileString)
      .filter((s) => !/^\s*\d{6}-?\d{4}\s*$/.test(s)),
  ],
  ['contact.email', hostileString.filter((s) => !s.includes('@'))],
  ['participants.total', fc.oneof(fc.constantFrom('0', '-1', '501', '1e3', '4.5'), hostileString)],
  ['earliestStart', hostileString.filter((s) => !/^\s*\d{4}-\d{2}-\d{2}\s*$/.test(s))],
];

/** Definitely-invalid values for fields of the /behov/{token}/andra form. */
export const EDIT_FORM_BREAKERS: FormBreaker[] = [
  ['participants.total', fc.oneof(fc.constantFrom('0', '-1', '501', '1e3', '4.5'), hostileString)],
  ['earliestStart', hostileString.filter((s) => !/^\s*\d{4}-\d{2}-\d{2}\s*$/.test(s))],
  [
    'maxTravelKm',
    fc
      .oneof(fc.constantFrom('-1', '1001', '4.5', 'fyrtio', ''), hostileString)
      .filter((s) => !/^\s*\d{1,3}\s*(km)?\s*$/i.test(s)),
  ],
  ['contact.email', hostileString.filter((s) => !s.includes('@') && s.trim() !== '')],
];

/**
 * urlencoded bodies for a form, each with at least one field that spoils it (a breaker),
 * hostile text in the others, hostile keys and repeated fields; also the form as JSON without
 * the first breaker's field.
 */
export function badForm(valid: Form, breakers: FormBreaker[]): fc.Arbitrary<BadBody> {
  const textFields = Object.keys(valid);
  const breaking = fc.oneof(
    ...breakers.map(([field, value]) =>
      value.map((v) => (form: Form) => {
        if (v === undefined) delete form[field];
        else form[field] = v;
        return form;
      }),
    ),
  );
  const noise = fc.oneof(
    fc
      .tuple(
        fc.constantFrom(...textFields),
        hostileString.filter((s) => s.length < 6_000),
      )
      .map(([field, v]) => (form: Form) => ({ ...form, [field]: v })),
    fc
      .tuple(fc.constantFrom(...textFields), fc.array(hostileString, { maxLength: 60 }))
      .map(([field, v]) => (form: Form) => ({ ...form, [field]: v })),
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom(...HOSTILE_KEYS, 'employer[__proto__]', 'a[b][c]'),
          fc.string({ maxLength: 8 }),
        ),
        hostileString.filter((s) => s.length < 1_000),
      )
      .map(([field, v]) => (form: Form) => {
        const copy: Form = { ...form };
        Object.defineProperty(copy, field, { value: v, enumerable: true, writable: true });
        return copy;
      }),
  );
  const encode = (form: Form) =>
    Object.entries(form)
      .flatMap(([k, v]) =>
        ([] as string[])
          .concat(v)
          .map((one) => `${encodeKeepingBadEscapes(k)}=${encodeKeepingBadEscapes(one)}`),
      )
      .join('&');
  const corrupt = fc.constantFrom(
    (text: string) => text,
    (text: string) => text,
    (text: string) => text,
    (text: string) => `${text}&%`,
    (text: string) => `${text}&title=%E0%A4%A`,
    (text: string) => `&&&=${text}==&`,
    (text: string) => text.replace(/=/g, '%3D'),
  );
  const urlencoded = fc
    .tuple(
      fc.array(noise, { maxLength: 3 }),
      fc.array(breaking, { minLength: 1, maxLength: 2 }),
      corrupt,
    )
    .map(([noises, breakers, corruptText]) => ({
      text: corruptText(encode([...noises, ...breakers].reduce((f, m) => m(f), { ...valid }))),
      contentType: 'application/x-www-form-urlencoded',
      note: 'form',
    }));
  const broken = Object.fromEntries(Object.entries(valid).filter(([k]) => k !== breakers[0][0]));
  return fc.oneof(
    { weight: 5, arbitrary: urlencoded },
    { weight: 2, arbitrary: badJsonBody(broken as Json) },
  );
}
