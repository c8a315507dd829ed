/** Copying the plain-JSON state a turn works on. */

/**
 * A deep copy of plain JSON data (objects, arrays, primitives), as `structuredClone` makes it for such data but
 * several times faster: `structuredClone` serialises and deserialises, which costs more than a small turn.
 */
export function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyJson((value as Record<string, unknown>)[key]);
    // A plain assignment to "__proto__" would set the prototype instead of adding the key.
    if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return out as T;
}
