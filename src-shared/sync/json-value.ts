/**
 * Limits on a synced field value, checked by the laptop before a write enters the outbox
 * and by HQ before it merges a push. A value too deep would overflow the stack of the
 * recursive JSON walks (canonical JSON, merge, storage); a non-finite number cannot be
 * stored as JSON at all (JSON.parse reads 1e400 as Infinity, JSON.stringify writes null);
 * a number beyond ±(2^53 − 1) is not held exactly (JSON.parse reads 9007199254740993 as
 * …992), so what was sent is not what would be stored.
 */

/**
 * Deepest nesting of arrays and objects a field value may have (a primitive is depth 0,
 * `[1]` depth 1). The app's deepest values (a meeting's legs, a talk's amounts) use 4.
 */
export const MAX_VALUE_DEPTH = 32;

export type ValueProblem = 'value_too_deep' | 'number_not_finite' | 'number_unsafe';

/**
 * The first problem of a JSON-like value, or null. Recursion stops at the depth limit, so
 * the check itself cannot overflow however deep the value is.
 */
export function valueProblem(value: unknown, maxDepth = MAX_VALUE_DEPTH): ValueProblem | null {
  return walk(value, 0, maxDepth);
}

function walk(value: unknown, depth: number, maxDepth: number): ValueProblem | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'number_not_finite';
    // Every double beyond MAX_SAFE_INTEGER is an integer, and only some are representable.
    return Math.abs(value) > Number.MAX_SAFE_INTEGER ? 'number_unsafe' : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= maxDepth) return 'value_too_deep';
  if (Array.isArray(value)) {
    for (const item of value) {
      const p = walk(item, depth + 1, maxDepth);
      if (p) return p;
    }
    return null;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const p = walk((value as Record<string, unknown>)[key], depth + 1, maxDepth);
    if (p) return p;
  }
  return null;
}
