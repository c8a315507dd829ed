/**
 * Generated bad requests: malformed JSON, wrong types, huge and deeply nested bodies, odd Unicode and bytes
 * that are not UTF-8, each derived from a valid sample body of the endpoint under test.
 */
import fc from 'fast-check';

/** One generated body and what kind of bad it is; `mustReject` kinds may never be answered 2xx. */
export interface BadBody {
  kind: string;
  body: string | Uint8Array;
  mustReject: boolean;
}

/** Characters that break naive handling: NUL, BOM, bidi overrides, lone surrogates, combining marks, ZWJ emoji. */
const ODD = ['\u0000', '\uFEFF', '\u202E', '\u200D', '\uD800', '\uDFFF', '\u0301\u0301\u0301', '👩‍👩‍👧‍👦', '\u2028', '\\', '"', '\r\n', '𝕳', 'ﷺ', '\u180E'];

/** Text made of odd characters mixed with anything Unicode allows. */
export const oddText = fc
  .array(fc.oneof(fc.constantFrom(...ODD), fc.string({ unit: 'binary', maxLength: 20 })), { minLength: 1, maxLength: 40 })
  .map((parts) => parts.join(''));

const deep = (depth: number, open: '[' | '{"a":') => `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`;

/** Bad bodies built around `valid` (an object the endpoint would accept). */
export function badBodies(valid: Record<string, unknown>): fc.Arbitrary<BadBody> {
  const text = JSON.stringify(valid);
  const keys = Object.keys(valid);
  const withField = (key: string, value: unknown) => JSON.stringify({ ...valid, [key]: value });
  return fc.oneof(
    fc.string({ maxLength: 200 }).filter((s) => s.trim() !== '' && !isJson(s)).map((body) => ({ kind: 'not JSON', body, mustReject: true })),
    fc.nat({ max: Math.max(0, text.length - 2) }).map((cut) => ({ kind: 'truncated JSON', body: text.slice(0, cut + 1), mustReject: true })),
    fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'JSON of another shape', body: JSON.stringify(value) ?? 'null', mustReject: false })),
    fc.tuple(fc.constantFrom(...keys), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(null), fc.integer(), fc.array(fc.string())))
      .map(([key, value]) => ({ kind: `wrong type for ${key}`, body: withField(key, value), mustReject: false })),
    fc.tuple(fc.integer({ min: 200, max: 30_000 }), fc.constantFrom<'[' | '{"a":'>('[', '{"a":'), fc.boolean()).map(([depth, open, inside]) => ({
      kind: `nested ${depth} deep`,
      body: inside ? text.replace(/}$/, `,"deep":${deep(depth, open)}}`) : deep(depth, open),
      mustReject: !inside && open === '[',
    })),
    fc.constantFrom(70_000, 300_000, 1_100_000).map((size) => ({
      kind: `huge (${size} bytes)`,
      body: withField(keys[0] ?? 'x', 'x'.repeat(size)),
      mustReject: size > 256 * 1024,
    })),
    fc.tuple(fc.constantFrom(...keys), oddText).map(([key, value]) => ({ kind: `odd Unicode in ${key}`, body: withField(key, value), mustReject: false })),
    fc.nat({ max: text.length }).map((at) => {
      const bytes = new TextEncoder().encode(text);
      const broken = new Uint8Array(bytes.length + 2);
      broken.set(bytes.subarray(0, at));
      broken.set([0xff, 0xc3], at);
      broken.set(bytes.subarray(at), at + 2);
      return { kind: 'bytes that are not UTF-8', body: broken, mustReject: false };
    }),
  );
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A path segment or query value as a client could send it: odd text percent-encoded, or broken encodings. */
export const oddPathPart = fc.oneof(
  // encodeURIComponent throws on a lone surrogate; a client would have sent U+FFFD in its place.
  oddText.map((text) => encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'))),
  fc.constantFrom('%', '%ZZ', '%FF%FE', '%C3', '%00', '..%2F..%2Fetc%2Fpasswd', '-1', '1e309', '0x10', 'a'.repeat(5000), '%E2%80%AE'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((text) => encodeURIComponent(text)),
);
