/**
 * Small shape checks for values from outside (Cognito's answers, saved flows): each names
 * the first field that fails by throwing a {@link BadField}, which the caller turns into
 * its own typed error. Fields are checked in the shape's key order.
 * @module
 */

/** Thrown by a check; `field` is the path of the value that failed (e.g. `step.data.x[2]`). */
export class BadField {
  constructor(readonly field: string) {}
}

/** Throws a {@link BadField} for `field` unless the value passes. */
export type Check = (value: unknown, field: string) => void;

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** Strings core keeps or shows are at most 64 KiB. */
export const MAX_TEXT = 64 * 1024;

export const is =
  (test: (v: any) => unknown): Check =>
  (v, f) => {
    if (!test(v)) throw new BadField(f);
  };
export const all =
  (...checks: Check[]): Check =>
  (v, f) => checks.forEach((c) => c(v, f));
/** Absent passes (`orNull`: null too). */
export const opt =
  (check: Check, orNull?: 1): Check =>
  (v, f) => v === undefined || (orNull && v === null) || check(v, f);
export const oneOf = (...allowed: string[]) => is((v) => allowed.includes(v));
/** A string of at most `max` characters (`some`: not empty). */
export const text = (some?: 0 | 1, max = MAX_TEXT) => is((v) => typeof v === 'string' && v.length <= max && (!some || v));
export const obj = is(isObject);
/** Up to 100 items, each passing `item`. */
export const list =
  (item: Check = text()): Check =>
  (v, f) => {
    if (!Array.isArray(v) || v.length > 100) throw new BadField(f);
    v.forEach((x, i) => item(x, `${f}[${i}]`));
  };
/** An object whose every value passes `item` (`max`: at most that many entries). */
export const record =
  (item: Check, max = Infinity): Check =>
  (v, f) => {
    obj(v, f);
    const entries = Object.entries(v as object);
    if (entries.length > max) throw new BadField(f);
    for (const [k, x] of entries) item(x, `${f}.${k}`);
  };
/** An object whose named fields pass their checks (other fields are left alone). */
export const shape =
  (fields: Record<string, Check>): Check =>
  (v, f) => {
    obj(v, f);
    for (const k in fields) fields[k]!((v as Record<string, unknown>)[k], f ? `${f}.${k}` : k);
  };

/** Runs `check` on `value`; a failure becomes `error(field)`. */
export function checkWith<E>(check: Check, value: unknown, error: (field: string) => E): void {
  try {
    check(value, '');
  } catch (err) {
    throw err instanceof BadField ? error(err.field) : err;
  }
}
