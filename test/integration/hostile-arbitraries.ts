import fc from 'fast-check';
import { MAX_BODY_BYTES } from '../../functions/shared/http.ts';

/**
 * fast-check arbitraries for hostile HTTP request bodies (test/integration/hostile-bodies.test.ts).
 *
 * Bodies are built as JSON *text*, not through JSON.stringify alone: objects may carry real own keys named
 * `__proto__`, `constructor` or `prototype`, numbers may be tokens JSON.stringify cannot write (`1e999`),
 * lone surrogates are written as `\ud800` escapes, and a private-use marker in a string becomes an invalid
 * UTF-8 byte on the wire.
 *
 * "Definitely invalid": a mutated body always carries at least one edit that breaks a constraint of the
 * route's real zod schema as `z.toJSONSchema` describes it (wrong JSON type, a missing required key, an
 * unknown key on a strict object, a string too long or too short, a pattern or enum miss, a number out of
 * range or infinite, an array too long or empty), or a refinement the test found the real schema to enforce
 * (see `probeRefinements` in the test). The test checks each such body against the real schema before
 * sending it, so a valid body never slips in by accident.
 */

/** A piece of JSON text written as is (numbers JSON.stringify cannot write, very deep nesting). */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON(): string {
    return `<raw ${this.text.length > 40 ? `${this.text.slice(0, 40)}…` : this.text}>`;
  }
}

/** The subset of JSON Schema that `z.toJSONSchema` produces for the platform's request schemas. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  /**
   * Set on a schema the body reaches through `z.record(…)` (a program form, a stage record): zod's record
   * drops an own `__proto__` key silently, so there that key is no unknown key the strict schema sees.
   */
  dropsProtoKey?: boolean;
}

export type Path = (string | number)[];

/** One change to a body: set a value (creating the key if absent) or delete a key. */
export type Edit =
  | { op: 'set'; path: Path; value: unknown; why: string }
  | { op: 'delete'; path: Path; why: string };

/** Replaced by a 0xFF byte (never valid UTF-8) when the body is encoded. */
export const INVALID_UTF8_MARKER = '\ue000';

// ---------------------------------------------------------------------------------------------------------
// JSON text

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RawJson);

/** An object whose keys are all own, enumerable data properties, `__proto__` included. */
export const ownObject = (entries: readonly (readonly [string, unknown])[]): Record<string, unknown> => {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
};

export const toJsonText = (value: unknown): string => {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${toJsonText(value[key])}`)
      .join(',')}}`;
  }
  // Well-formed JSON.stringify writes lone surrogates as \udXXX escapes.
  return JSON.stringify(value) ?? 'null';
};

/** UTF-8 bytes of the text, each marker replaced by 0xFF. */
export const encodeBody = (text: string): Uint8Array => {
  if (!text.includes(INVALID_UTF8_MARKER)) return Buffer.from(text, 'utf8');
  const parts = text.split(INVALID_UTF8_MARKER).map((part) => Buffer.from(part, 'utf8'));
  const bytes: Buffer[] = [];
  parts.forEach((part, index) => {
    if (index > 0) bytes.push(Buffer.from([0xff]));
    bytes.push(part);
  });
  return Buffer.concat(bytes);
};

/** The JSON type of a value as JSON Schema names it ('integer' for whole numbers). */
export const jsonTypeOf = (value: unknown): string => {
  if (value instanceof RawJson) {
    const first = value.text.trimStart()[0];
    if (first === '[') return 'array';
    if (first === '{') return 'object';
    if (first === '"') return 'string';
    if (first === 't' || first === 'f') return 'boolean';
    if (first === 'n') return 'null';
    const parsed = Number(value.text);
    return Number.isInteger(parsed) ? 'integer' : 'number';
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
};

const typesOf = (schema: JsonSchema): Set<string> | undefined => {
  if (schema.type !== undefined) {
    const types = new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
    if (types.has('number')) types.add('integer');
    return types;
  }
  if (schema.const !== undefined) return new Set([jsonTypeOf(schema.const)]);
  if (schema.enum) return new Set(schema.enum.map(jsonTypeOf));
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) {
    const union = new Set<string>();
    for (const branch of branches) {
      const types = typesOf(branch);
      if (!types) return undefined;
      for (const type of types) union.add(type);
    }
    return union;
  }
  return undefined;
};

// ---------------------------------------------------------------------------------------------------------
// Characters and strings

const char = (code: number) => String.fromCodePoint(code);
const range = (min: number, max: number) => fc.integer({ min, max }).map(char);

/** C0 controls and DEL. */
export const controlChar = fc.oneof(range(0x00, 0x1f), fc.constant('\u007f'));
/** Controls that no text field of the platform allows, not even multi-line ones (no tab, LF, CR, VT, FF). */
export const forbiddenControlChar = fc.oneof(range(0x00, 0x08), range(0x0e, 0x1f), fc.constant('\u007f'));
export const bidiChar = fc.constantFrom(
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
);
export const zeroWidthChar = fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff');
const cjkChar = range(0x4e00, 0x9fff);
const arabicChar = range(0x0621, 0x064a);
const combiningChar = range(0x0300, 0x036f);
const emoji = fc.oneof(range(0x1f300, 0x1faff), fc.constantFrom('🇨🇳', '👨‍👩‍👧‍👦', '🏳️‍🌈', '👍🏽', '1️⃣'));
/** A lone surrogate: JSON.stringify writes it as a `\udXXX` escape. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const specialChar = fc.constantFrom(
  '"',
  '\\',
  '/',
  "'",
  '`',
  '<',
  '>',
  '&',
  '%',
  '$',
  '{',
  '}',
  '\u2028',
  '\u2029',
  '\u00a0',
  '\u3000',
  '\ufffd',
  '\uffff',
  '\ufffe',
  INVALID_UTF8_MARKER,
);
const asciiChar = range(0x20, 0x7e);

export const hostileChar: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: asciiChar, weight: 4 },
  { arbitrary: cjkChar, weight: 3 },
  { arbitrary: controlChar, weight: 2 },
  { arbitrary: bidiChar, weight: 1 },
  { arbitrary: zeroWidthChar, weight: 1 },
  { arbitrary: arabicChar, weight: 1 },
  { arbitrary: combiningChar, weight: 1 },
  { arbitrary: emoji, weight: 1 },
  { arbitrary: loneSurrogate, weight: 1 },
  { arbitrary: specialChar, weight: 1 },
);

/** Characters that String.prototype.trim keeps (zod's `.trim()` removes the others at the ends). */
const solidChar = fc
  .oneof(range(0x21, 0x7e), cjkChar, arabicChar, range(0x10, 0x1f))
  .filter((c) => !/\s/.test(c));
/** Like `solidChar`, one UTF-16 unit each, so that `length` counts them one by one. */
const solidBmpChar = fc.oneof(range(0x21, 0x7e), cjkChar, arabicChar).filter((c) => !/\s/.test(c));

const snippets = fc.constantFrom(
  '',
  ' ',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  'NaN',
  '__proto__',
  '{"$where":"1"}',
  "'; DROP TABLE pilot;--",
  '<script>alert(1)</script>',
  `\${7*7}`,
  '../../../../etc/passwd',
  '%00%0d%0a',
  '\\u0000',
  'Z̸̡̢͓̓ͦ͆a̵̧͕͋l̶͚̈́g̸̛̣̓o̴̝̅',
  '\u202eexe.pdf',
  'مرحبا 你好 שלום',
  '𠜎𠜱𠝹',
  'A\u0301\u0302\u0303',
  '\ud800',
  '\udc00\ud800',
);

/** Short strings full of controls, bidi overrides, zero-width and mixed scripts; may or may not be valid. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: hostileChar, maxLength: 40 }), weight: 4 },
  { arbitrary: snippets, weight: 1 },
  {
    arbitrary: fc
      .tuple(snippets, fc.string({ unit: hostileChar, maxLength: 8 }), snippets)
      .map((parts) => parts.join('')),
    weight: 1,
  },
);

/** A long string built by repeating a short hostile chunk; `length` in UTF-16 units. */
const repeated = (chunk: fc.Arbitrary<string>, length: fc.Arbitrary<number>) =>
  fc
    .tuple(chunk, length)
    .map(([piece, size]) =>
      (piece.length === 0 ? 'x' : piece).repeat(Math.ceil(size / Math.max(1, piece.length))).slice(0, size),
    );

/** Lengths from small to beyond the body limit (in UTF-16 units; CJK is three bytes each in UTF-8). */
const hugeLength = (min: number) =>
  fc.oneof(
    { arbitrary: fc.integer({ min, max: min + 64 }), weight: 4 },
    { arbitrary: fc.integer({ min, max: Math.max(min + 1, 8_000) }), weight: 2 },
    {
      arbitrary: fc.integer({ min: Math.max(min, MAX_BODY_BYTES - 2_000), max: MAX_BODY_BYTES + 2_000 }),
      weight: 1,
    },
    { arbitrary: fc.integer({ min: Math.max(min, MAX_BODY_BYTES * 2), max: MAX_BODY_BYTES * 8 }), weight: 1 },
  );

/** Noise: a huge hostile string, any content. */
export const hugeString = repeated(
  fc.string({ unit: hostileChar, minLength: 1, maxLength: 6 }),
  hugeLength(1_000),
);

/** Length as zod 4 counts it: code points (a lone surrogate is one). */
export const codePointLength = (text: string): number => {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
};

/** Longer than `max` code points even after trimming: solid characters at both ends. */
export const tooLongString = (max: number) =>
  fc
    .tuple(
      solidChar,
      repeated(fc.string({ unit: hostileChar, minLength: 1, maxLength: 6 }), hugeLength(max)),
      solidChar,
    )
    .map(([first, middle, last]) => {
      const short = max + 1 - codePointLength(`${first}${middle}${last}`);
      return `${first}${middle}${short > 0 ? '园'.repeat(short) : ''}${last}`;
    });

/** Shorter than `min` (code points) whether or not the schema trims: empty, or a few solid BMP characters. */
export const tooShortString = (min: number) =>
  fc
    .oneof(fc.constant(''), fc.string({ unit: solidBmpChar, minLength: 1, maxLength: Math.max(1, min - 1) }))
    .filter((text) => text.length < min);

/** `base` with a forbidden control character inside (not at the ends, where `.trim()` could drop it). */
export const withControlInside = (base: string) =>
  fc.tuple(forbiddenControlChar, fc.nat()).map(([control, at]) => {
    const text = base.length >= 2 ? base : `${base}ab`.slice(0, 2);
    const index = 1 + (at % (text.length - 1));
    return `${text.slice(0, index)}${control}${text.slice(index)}`;
  });

/** Near misses of a valid value, and hostile strings. */
const stringCandidates = (base: unknown) => {
  const text = typeof base === 'string' ? base : 'ABC-2026-01';
  return fc.oneof(
    hostileString,
    fc.tuple(fc.nat(), hostileChar).map(([at, c]) => {
      const index = at % (text.length + 1);
      return text.slice(0, index) + c + text.slice(index);
    }),
    fc.tuple(fc.nat(), hostileChar).map(([at, c]) => {
      const index = at % Math.max(1, text.length);
      return text.slice(0, index) + c + text.slice(index + 1);
    }),
    fc.nat().map((at) => {
      const index = at % Math.max(1, text.length);
      return text.slice(0, index) + text.slice(index + 1);
    }),
    fc.constantFrom(
      text.toLowerCase(),
      `${text} `,
      ` ${text}`,
      `${text}\u0000`,
      `${text}${text}`,
      text.toUpperCase(),
    ),
  );
};

const compile = (pattern: string): RegExp => {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
};

// ---------------------------------------------------------------------------------------------------------
// JSON values

export const protoKey = fc.constantFrom('__proto__', 'constructor', 'prototype');

const hostileKey = fc.oneof(
  { arbitrary: protoKey, weight: 3 },
  {
    arbitrary: fc.constantFrom(
      'toString',
      'valueOf',
      'hasOwnProperty',
      '__defineGetter__',
      '',
      ' ',
      '$where',
      'a.b',
      '0',
    ),
    weight: 1,
  },
  { arbitrary: hostileString, weight: 2 },
);

/** Nesting `depth` levels deep, as JSON text (fast to build and to send, whatever the depth). */
export const deepNesting = (depth: number, shape: 'array' | 'object' | 'mixed', leaf = '1'): RawJson => {
  if (shape === 'array') return new RawJson(`${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`);
  if (shape === 'object') return new RawJson(`${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`);
  const open: string[] = [];
  const close: string[] = [];
  for (let level = 0; level < depth; level += 1) {
    if (level % 2 === 0) {
      open.push('{"__proto__":[');
      close.push(']}');
    } else {
      open.push('[');
      close.push(']');
    }
  }
  return new RawJson(`${open.join('')}${leaf}${close.reverse().join('')}`);
};

export const deepValue = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.integer({ min: 33, max: 800 }), weight: 5 },
      { arbitrary: fc.integer({ min: 2_000, max: 40_000 }), weight: 1 },
    ),
    fc.constantFrom('array', 'object', 'mixed') as fc.Arbitrary<'array' | 'object' | 'mixed'>,
  )
  .map(([depth, shape]) => deepNesting(depth, shape));

const rawNumber = fc.constantFrom(
  '1e999',
  '-1e999',
  '1e-999',
  '-0',
  '123456789012345678901234567890',
  '0.1e1',
  '1E+2',
);

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  rawNumber.map((text) => new RawJson(text)),
  hostileString,
);

/** Any JSON value: hostile strings and keys, objects with own `__proto__` keys, sometimes deep nesting. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: scalar, weight: 4 },
    { arbitrary: fc.array(tie('value'), { maxLength: 4 }), weight: 1 },
    {
      arbitrary: fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map(ownObject),
      weight: 1,
    },
    { arbitrary: deepValue, weight: 1 },
  ),
})).value;

/** Values of a JSON type the schema does not allow (so definitely invalid there). */
export const wrongTypeValue = (schema: JsonSchema, base: unknown): fc.Arbitrary<unknown> | undefined => {
  const allowed = typesOf(schema);
  if (!allowed) return undefined;
  const pool = fc.oneof(
    { arbitrary: hostileJson, weight: 3 },
    {
      arbitrary: fc.constantFrom<unknown>(
        null,
        true,
        false,
        0,
        -1,
        1.5,
        '',
        'true',
        '1',
        [],
        {},
        [base],
        new RawJson('1e999'),
        ownObject([['__proto__', base ?? null]]),
      ),
      weight: 2,
    },
    { arbitrary: deepValue, weight: 1 },
    { arbitrary: hugeString, weight: 1 },
  );
  return pool.filter((value) => !allowed.has(jsonTypeOf(value)));
};

// ---------------------------------------------------------------------------------------------------------
// Sites: every place in a valid body where an edit can go

export interface Site {
  path: Path;
  schema: JsonSchema;
  /** The value in the valid body; undefined when an optional key is absent. */
  value: unknown;
  present: boolean;
}

/** Picks the branch of a union the value follows; for discriminated unions, forbids every branch's tag. */
const resolve = (schema: JsonSchema, value: unknown): JsonSchema => {
  const branches = schema.oneOf ?? schema.anyOf;
  if (!branches) return schema;
  if (schema.dropsProtoKey) {
    return { ...resolve({ ...schema, dropsProtoKey: false }, value), dropsProtoKey: true };
  }
  const tags = Object.keys(branches[0]?.properties ?? {}).filter((key) =>
    branches.every((branch) => branch.properties?.[key]?.const !== undefined),
  );
  const tag = tags[0];
  if (tag !== undefined && isPlainObject(value)) {
    const chosen = branches.find((branch) => branch.properties?.[tag]?.const === value[tag]);
    if (chosen?.properties) {
      const all = branches.map((branch) => branch.properties?.[tag]?.const);
      return { ...chosen, properties: { ...chosen.properties, [tag]: { type: 'string', enum: all } } };
    }
  }
  const type = jsonTypeOf(value);
  const matching = branches.filter((branch) => typesOf(branch)?.has(type));
  if (matching.length === 1 && matching[0]) return resolve(matching[0], value);
  const union = typesOf(schema);
  return union ? { type: [...union] } : {};
};

export const sitesOf = (value: unknown, schema: JsonSchema, path: Path = []): Site[] => {
  const resolved = resolve(schema, value);
  const sites: Site[] = [{ path, schema: resolved, value, present: true }];
  if (isPlainObject(value) && resolved.properties) {
    for (const [key, child] of Object.entries(resolved.properties)) {
      if (Object.hasOwn(value, key)) sites.push(...sitesOf(value[key], child, [...path, key]));
      else sites.push({ path: [...path, key], schema: child, value: undefined, present: false });
    }
  } else if (Array.isArray(value) && resolved.items) {
    const items = resolved.items;
    value.forEach((item, index) => {
      sites.push(...sitesOf(item, items, [...path, index]));
    });
  }
  return sites;
};

// ---------------------------------------------------------------------------------------------------------
// Edits

const set =
  (path: Path, why: string) =>
  (value: unknown): Edit => ({ op: 'set', path, value, why });

/** Values that break one constraint of the site's schema (besides its type). */
const constraintViolations = (site: Site): fc.Arbitrary<unknown>[] => {
  const { schema, value } = site;
  const types = typesOf(schema);
  const found: fc.Arbitrary<unknown>[] = [];
  if (schema.enum || schema.const !== undefined) {
    const allowed = schema.enum ?? [schema.const];
    found.push(stringCandidates(value ?? allowed[0]).filter((text) => !allowed.includes(text)));
  }
  if (types?.has('string') && types.size === 1) {
    if (schema.maxLength !== undefined) found.push(tooLongString(schema.maxLength));
    if (schema.minLength !== undefined && schema.minLength > 0) found.push(tooShortString(schema.minLength));
    if (schema.pattern !== undefined) {
      const pattern = compile(schema.pattern);
      found.push(stringCandidates(value).filter((text) => !pattern.test(text) && !pattern.test(text.trim())));
    }
  }
  const numeric = types !== undefined && [...types].every((type) => type === 'number' || type === 'integer');
  if (numeric) {
    // Infinity (written as 1e999) is no number zod accepts.
    found.push(fc.constantFrom(new RawJson('1e999'), new RawJson('-1e999')));
    const numbers: number[] = [];
    if (schema.minimum !== undefined) numbers.push(schema.minimum - 1, schema.minimum - 0.5, -1e308);
    if (schema.exclusiveMinimum !== undefined)
      numbers.push(schema.exclusiveMinimum, schema.exclusiveMinimum - 1);
    if (schema.maximum !== undefined)
      numbers.push(schema.maximum + 1, Math.abs(schema.maximum) * 2 + 1, 1e308);
    if (schema.exclusiveMaximum !== undefined)
      numbers.push(schema.exclusiveMaximum, schema.exclusiveMaximum + 1);
    if (!types.has('number')) numbers.push(0.5, 1.25, (typeof value === 'number' ? value : 1) + 0.5);
    const definite = numbers.filter((n) => Number.isFinite(n));
    if (definite.length > 0) found.push(fc.constantFrom(...definite));
  }
  if (types?.has('array') && types.size === 1) {
    const items = Array.isArray(value) ? value : [];
    if (schema.maxItems !== undefined) {
      const max = schema.maxItems;
      found.push(
        fc.integer({ min: 1, max: 3 }).chain((extra) =>
          fc
            .array(items.length > 0 ? fc.constantFrom(...items) : hostileJson, {
              minLength: max + extra,
              maxLength: max + extra,
            })
            .map((array) => array as unknown),
        ),
      );
    }
    if (schema.minItems !== undefined && schema.minItems > 0) found.push(fc.constant([]));
  }
  return found;
};

/** Every edit at this site that makes the body definitely invalid. */
export const definiteEditsAt = (site: Site): fc.Arbitrary<Edit>[] => {
  const edits: fc.Arbitrary<Edit>[] = [];
  const wrongType = wrongTypeValue(site.schema, site.value);
  if (wrongType) edits.push(wrongType.map(set(site.path, 'wrong type')));
  for (const violation of constraintViolations(site)) edits.push(violation.map(set(site.path, 'constraint')));
  if (site.present && isPlainObject(site.value)) {
    const required = (site.schema.required ?? []).filter((key) => Object.hasOwn(site.value as object, key));
    if (required.length > 0) {
      edits.push(
        fc
          .constantFrom(...required)
          .map((key): Edit => ({ op: 'delete', path: [...site.path, key], why: 'required' })),
      );
    }
    if (site.schema.additionalProperties === false) {
      const known = new Set(Object.keys(site.schema.properties ?? {}));
      if (site.schema.dropsProtoKey) known.add('__proto__');
      edits.push(
        fc
          .tuple(
            hostileKey.filter((key) => !known.has(key)),
            hostileJson,
          )
          .map(([key, value]): Edit => ({ op: 'set', path: [...site.path, key], value, why: 'unknown key' })),
      );
    }
  }
  return edits;
};

/** Edits that may or may not keep the body valid: hostile text, other numbers, extra keys on open records. */
export const noiseEditsAt = (site: Site): fc.Arbitrary<Edit>[] => {
  const types = typesOf(site.schema);
  const edits: fc.Arbitrary<Edit>[] = [];
  if (!site.present) {
    // Filling an absent optional field could also be valid; only hostile text, never structure.
    if (types?.has('string')) edits.push(hostileString.map(set(site.path, 'noise')));
    return edits;
  }
  if (typeof site.value === 'string') {
    edits.push(fc.oneof(hostileString, hugeString).map(set(site.path, 'noise')));
    edits.push(
      fc
        .tuple(
          fc.nat(),
          fc.string({
            unit: fc.oneof(bidiChar, zeroWidthChar, combiningChar, emoji),
            minLength: 1,
            maxLength: 4,
          }),
        )
        .map(([at, inserted]) => {
          const text = site.value as string;
          const index = at % (text.length + 1);
          return text.slice(0, index) + inserted + text.slice(index);
        })
        .map(set(site.path, 'noise')),
    );
  } else if (typeof site.value === 'number') {
    edits.push(
      fc
        .oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))
        .map(set(site.path, 'noise')),
    );
  } else if (typeof site.value === 'boolean') {
    edits.push(fc.boolean().map(set(site.path, 'noise')));
  } else if (isPlainObject(site.value) && site.schema.additionalProperties !== false) {
    edits.push(
      fc
        .tuple(hostileKey, hostileJson)
        .map(([key, value]): Edit => ({ op: 'set', path: [...site.path, key], value, why: 'noise' })),
    );
  }
  return edits;
};

const cloneJson = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (isPlainObject(value)) return ownObject(Object.keys(value).map((key) => [key, cloneJson(value[key])]));
  return value;
};

/** Applies the edits in order to a copy; an edit whose parent no longer exists is skipped. */
export const applyEdits = (base: unknown, edits: readonly Edit[]): unknown => {
  const root: { value: unknown } = { value: cloneJson(base) };
  for (const edit of edits) {
    const path: Path = ['value', ...edit.path];
    let parent: unknown = root;
    for (const key of path.slice(0, -1)) {
      parent =
        Array.isArray(parent) || isPlainObject(parent)
          ? (parent as Record<string | number, unknown>)[key]
          : undefined;
    }
    const last = path[path.length - 1] as string | number;
    if (Array.isArray(parent) && typeof last === 'number') {
      if (edit.op === 'set') parent[last] = edit.value;
      else parent.splice(last, 1);
    } else if (isPlainObject(parent) || (parent === root && last === 'value')) {
      const target = parent as Record<string, unknown>;
      if (edit.op === 'set') {
        Object.defineProperty(target, String(last), {
          value: edit.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        delete target[String(last)];
      }
    }
  }
  return root.value;
};

// ---------------------------------------------------------------------------------------------------------
// Whole requests

/** Content types the platform must refuse (none of them is JSON). `undefined`: no header at all. */
export const wrongContentType = fc.constantFrom<string | undefined>(
  undefined,
  'text/plain',
  'text/plain; charset=utf-8',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----hostile',
  'application/octet-stream',
  'image/png',
  'application/jsonx',
  'application/javascript',
  '',
);

export const jsonContentType = fc.constantFrom('application/json', 'application/json; charset=utf-8');

export interface HostileRequest {
  /** Index of the route's variant (caller, path and valid body) the request goes to. */
  variant: number;
  /** What makes it hostile, for the failure report. */
  kind: string;
  text: string;
  /** Raw bytes instead of `text` (binary bodies). */
  bytes?: Uint8Array;
  contentType: string | undefined;
  language: 'zh' | 'en';
  /** The edits of a mutated body, for the failure report. */
  edits?: readonly Edit[];
  /** Whether the JSON body alone (content type aside) is meant to break the schema. */
  schemaInvalid: boolean;
}

const abbreviate = (text: string, max = 300) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;

const describeRequest = (request: HostileRequest): string =>
  JSON.stringify({
    variant: request.variant,
    kind: request.kind,
    contentType: request.contentType ?? '(none)',
    language: request.language,
    ...(request.edits
      ? {
          edits: request.edits.map((edit) => ({
            ...edit,
            ...(edit.op === 'set' ? { value: abbreviate(toJsonText(edit.value), 120) } : {}),
          })),
        }
      : {}),
    body: request.bytes ? `<${request.bytes.length} bytes>` : abbreviate(request.text),
  });

const withDescription = (request: HostileRequest): HostileRequest =>
  Object.defineProperty(request, fc.toStringMethod, {
    value: () => describeRequest(request),
    enumerable: false,
  });

export interface BodyVariant {
  /** A valid body for the variant's caller and path: mutations start from it. */
  base: unknown;
  /** The JSON Schema of the body, with nested program forms or stage records filled in. */
  schema: JsonSchema;
  /** Extra definitely-invalid edits the JSON Schema cannot express (refinements found to be enforced). */
  extraDefinite?: fc.Arbitrary<Edit>[];
}

const language = fc.constantFrom<'zh' | 'en'>('zh', 'en');

/** A mutated valid body: 0–3 noise edits, then 1–2 definitely-invalid edits. */
const mutatedBody = (variants: readonly BodyVariant[]) =>
  fc.integer({ min: 0, max: variants.length - 1 }).chain((index) => {
    const variant = variants[index] as BodyVariant;
    const sites = sitesOf(variant.base, variant.schema);
    const definite = [...sites.flatMap(definiteEditsAt), ...(variant.extraDefinite ?? [])];
    const noise = sites.flatMap(noiseEditsAt);
    if (definite.length === 0) throw new Error('A body variant offers no definitely-invalid edit');
    return fc
      .record({
        noise: noise.length > 0 ? fc.array(fc.oneof(...noise), { maxLength: 3 }) : fc.constant([] as Edit[]),
        definite: fc.array(fc.oneof(...definite), { minLength: 1, maxLength: 2 }),
        contentType: jsonContentType,
        language,
      })
      .map(({ noise: noiseEdits, definite: definiteEdits, contentType, language: lang }): HostileRequest => {
        const edits = [...noiseEdits, ...definiteEdits];
        return {
          variant: index,
          kind: 'mutated',
          text: toJsonText(applyEdits(variant.base, edits)),
          contentType,
          language: lang,
          edits,
          schemaInvalid: true,
        };
      });
  });

/** A top-level value that is not an object: arrays (the valid body wrapped), numbers, null, strings. */
const wrongTopType = (variants: readonly BodyVariant[]) =>
  fc
    .record({
      variant: fc.integer({ min: 0, max: Math.max(0, variants.length - 1) }),
      value: fc.oneof(
        wrongTypeValue({ type: 'object' }, null) as fc.Arbitrary<unknown>,
        fc.constant(null),
        fc.constant(new RawJson('1e999')),
      ),
      wrapBase: fc.boolean(),
      contentType: jsonContentType,
      language,
    })
    .map(({ variant, value, wrapBase, contentType, language: lang }): HostileRequest => {
      const base = variants[variant]?.base;
      const body = wrapBase && base !== undefined ? [base] : value;
      return {
        variant,
        kind: 'wrong top-level type',
        text: toJsonText(body),
        contentType,
        language: lang,
        schemaInvalid: true,
      };
    });

/** Pure noise: an object with hostile keys and values, at least one key the top-level schema does not know. */
const noiseObject = (variants: readonly BodyVariant[]) =>
  fc
    .record({
      variant: fc.integer({ min: 0, max: Math.max(0, variants.length - 1) }),
      entries: fc.array(fc.tuple(hostileKey, hostileJson), { minLength: 1, maxLength: 5 }),
      contentType: jsonContentType,
      language,
    })
    .map(({ variant, entries, contentType, language: lang }): HostileRequest => {
      const known = new Set(Object.keys((variants[variant]?.schema.properties ?? {}) as object));
      const unknown = entries.some(([key]) => !known.has(key))
        ? entries
        : [['__proto__', null] as const, ...entries];
      return {
        variant,
        kind: 'noise object',
        text: toJsonText(ownObject(unknown)),
        contentType,
        language: lang,
        schemaInvalid: true,
      };
    });

/** Text that is not JSON at all: truncated, wrapped in garbage, single-quoted, binary. */
const malformed = (variants: readonly BodyVariant[]) =>
  fc
    .record({
      variant: fc.integer({ min: 0, max: Math.max(0, variants.length - 1) }),
      how: fc.constantFrom(
        'truncated',
        'prefixed',
        'suffixed',
        'single quotes',
        'NaN',
        'comment',
        'binary',
        'empty',
      ),
      cut: fc.nat(),
      garbage: fc.constantFrom(")]}'\n", ',', 'x', '}', ']', '\u0000', '//'),
      binary: fc.uint8Array({ minLength: 1, maxLength: 2_048 }),
      contentType: jsonContentType,
      language,
    })
    .map(({ variant, how, cut, garbage, binary, contentType, language: lang }): HostileRequest => {
      const base = variants[variant]?.base ?? { hostile: true };
      const text = toJsonText(base);
      const common = {
        variant,
        kind: `malformed JSON (${how})`,
        contentType,
        language: lang,
        schemaInvalid: true,
      };
      switch (how) {
        case 'truncated':
          // A proper prefix of an object's text never closes the object.
          return { ...common, text: text.slice(0, 1 + (cut % Math.max(1, text.length - 1))) };
        case 'prefixed':
          return { ...common, text: `${garbage}${text}` };
        case 'suffixed':
          return {
            ...common,
            text: `${text}${garbage === '//' ? '//x' : garbage === '\u0000' ? 'x' : garbage}`,
          };
        case 'single quotes':
          return { ...common, text: `{'__hostile':1,${text.slice(1).replaceAll('"', "'")}` };
        case 'NaN':
          return { ...common, text: `{"__hostile":NaN,${text.slice(1)}` };
        case 'comment':
          return { ...common, text: `/* hostile */${text}` };
        case 'binary': {
          // A leading NUL (or 0xFF) byte: never the start of JSON text.
          const bytes = Buffer.concat([Buffer.from([cut % 2 === 0 ? 0x00 : 0xff]), Buffer.from(binary)]);
          return { ...common, text: '', bytes };
        }
        default:
          return { ...common, text: '' };
      }
    });

/** Deep nesting as the whole body or as the value of a key the schema does not know. */
const deepBody = (variants: readonly BodyVariant[]) =>
  fc
    .record({
      variant: fc.integer({ min: 0, max: Math.max(0, variants.length - 1) }),
      deep: deepValue,
      where: fc.constantFrom('whole body', 'unknown key', 'unknown proto key'),
      contentType: jsonContentType,
      language,
    })
    .map(({ variant, deep, where, contentType, language: lang }): HostileRequest => {
      const base = variants[variant]?.base;
      const object = isPlainObject(base) ? base : {};
      const key = where === 'unknown proto key' ? '__proto__' : '__hostile_deep';
      const body =
        where === 'whole body' && jsonTypeOf(deep) === 'array'
          ? deep
          : ownObject([...Object.keys(object).map((name) => [name, object[name]] as const), [key, deep]]);
      return {
        variant,
        kind: `deep nesting (${where})`,
        text: toJsonText(body),
        contentType,
        language: lang,
        schemaInvalid: true,
      };
    });

/** The valid body itself, sent with a content type that is not JSON (or none). */
const wrongContentTypeBody = (variants: readonly BodyVariant[]) =>
  fc
    .record({
      variant: fc.integer({ min: 0, max: Math.max(0, variants.length - 1) }),
      contentType: wrongContentType,
      language,
    })
    .map(
      ({ variant, contentType, language: lang }): HostileRequest => ({
        variant,
        kind: 'wrong content type',
        text: toJsonText(variants[variant]?.base ?? { hostile: true }),
        contentType,
        language: lang,
        schemaInvalid: false,
      }),
    );

/** Every kind of hostile request for a route that takes a JSON body. */
export const hostileRequest = (variants: readonly BodyVariant[]): fc.Arbitrary<HostileRequest> =>
  fc
    .oneof(
      { arbitrary: mutatedBody(variants), weight: 12 },
      { arbitrary: wrongTopType(variants), weight: 2 },
      { arbitrary: noiseObject(variants), weight: 2 },
      { arbitrary: malformed(variants), weight: 2 },
      { arbitrary: deepBody(variants), weight: 1 },
      { arbitrary: wrongContentTypeBody(variants), weight: 2 },
    )
    .map(withDescription);

/**
 * Every kind of hostile request for a route that takes no body: any non-empty body at all (a route without
 * a body schema has nothing to validate one with, so it must refuse it).
 */
export const hostileRequestWithoutSchema = (variantCount: number): fc.Arbitrary<HostileRequest> => {
  const variants: BodyVariant[] = Array.from({ length: variantCount }, () => ({
    base: { hostile: true },
    schema: { type: 'object', properties: {}, additionalProperties: false },
  }));
  return fc
    .oneof(
      { arbitrary: wrongTopType(variants), weight: 2 },
      { arbitrary: noiseObject(variants), weight: 3 },
      {
        arbitrary: malformed(variants).filter(
          (request) => request.text !== '' || request.bytes !== undefined,
        ),
        weight: 2,
      },
      { arbitrary: deepBody(variants), weight: 1 },
    )
    .map(withDescription);
};
