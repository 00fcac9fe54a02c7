/**
 * Hybrid logical clock (HLC): physical millis + a counter + the node id.
 *
 * Encoded as a fixed-width string so plain string comparison orders stamps:
 *   `<millis: 15 decimal digits>-<counter: 4 hex>-<node: 16 hex>`
 * HLCs order edits; they are never used as a pull cursor (see docs/sync-protocol.md).
 */

/** Remote or local stamps further than this from the physical clock are refused. */
export const MAX_CLOCK_DRIFT_MS = 5 * 60 * 1000;

const MAX_COUNTER = 0xffff;
const MILLIS_WIDTH = 15;
const NODE_PATTERN = /^[0-9a-f]{16}$/;
const HLC_PATTERN = /^(\d{15})-([0-9a-f]{4})-([0-9a-f]{16})$/;

export interface HlcTimestamp {
  readonly millis: number;
  readonly counter: number;
  readonly node: string;
}

/** Errors carry a code the UI translates (locales/<lang>/errors.json, `sync.*`). */
export type HlcErrorCode = 'clock_drift' | 'clock_counter_overflow' | 'hlc_invalid';

export class HlcError extends Error {
  constructor(
    readonly code: HlcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HlcError';
  }
}

export function isHlcString(value: unknown): value is string {
  return typeof value === 'string' && HLC_PATTERN.test(value);
}

export function formatHlc(ts: HlcTimestamp): string {
  if (!Number.isSafeInteger(ts.millis) || ts.millis < 0) {
    throw new HlcError('hlc_invalid', `Bad HLC millis: ${ts.millis}`);
  }
  if (!Number.isInteger(ts.counter) || ts.counter < 0 || ts.counter > MAX_COUNTER) {
    throw new HlcError('clock_counter_overflow', `Bad HLC counter: ${ts.counter}`);
  }
  if (!NODE_PATTERN.test(ts.node)) throw new HlcError('hlc_invalid', `Bad HLC node: ${ts.node}`);
  return `${String(ts.millis).padStart(MILLIS_WIDTH, '0')}-${ts.counter
    .toString(16)
    .padStart(4, '0')}-${ts.node}`;
}

export function parseHlc(value: string): HlcTimestamp {
  const m = HLC_PATTERN.exec(value);
  if (!m) throw new HlcError('hlc_invalid', `Not an HLC: ${value}`);
  return { millis: Number(m[1]), counter: parseInt(m[2]!, 16), node: m[3]! };
}

/** Physical millis of an encoded stamp (cheap: no full parse). */
export function hlcMillis(value: string): number {
  return Number(value.slice(0, MILLIS_WIDTH));
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Derives a 16-hex node id from any client id (e.g. a UUID). */
export function nodeIdFromClientId(clientId: string): string {
  const hex = clientId.toLowerCase().replace(/[^0-9a-f]/g, '');
  if (hex.length < 16) throw new HlcError('hlc_invalid', `Client id too short for a node id`);
  return hex.slice(0, 16);
}

/**
 * A clock for one node. `send` stamps a local event; `recv` folds in a remote
 * stamp so later local stamps sort after everything this node has seen.
 */
export class HybridLogicalClock {
  private last: HlcTimestamp;

  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
    initial?: string,
  ) {
    if (!NODE_PATTERN.test(node)) throw new HlcError('hlc_invalid', `Bad HLC node: ${node}`);
    this.last = initial ? { ...parseHlc(initial), node } : { millis: 0, counter: 0, node };
  }

  /** The latest stamp issued or received (for persisting across restarts). */
  current(): string {
    return formatHlc(this.last);
  }

  /**
   * Stamps a local event. Strict mode throws `clock_drift` when the wall clock is more
   * than 5 min behind the last stamp; lenient mode (local writes, which must never
   * fail for clock reasons) keeps counting from the last stamp instead.
   */
  send(mode: 'strict' | 'lenient' = 'strict'): string {
    const phys = this.now();
    let millis = Math.max(this.last.millis, phys);
    let counter = millis === this.last.millis ? this.last.counter + 1 : 0;
    if (mode === 'strict' && millis - phys > MAX_CLOCK_DRIFT_MS) {
      throw new HlcError(
        'clock_drift',
        `Local clock is behind the last stamp by ${millis - phys} ms`,
      );
    }
    if (counter > MAX_COUNTER) {
      if (mode === 'strict') throw new HlcError('clock_counter_overflow', 'HLC counter overflow');
      millis += 1;
      counter = 0;
    }
    this.last = { millis, counter, node: this.node };
    return formatHlc(this.last);
  }

  /** Throws `clock_drift` (and leaves the clock unchanged) if the remote stamp is too far ahead. */
  recv(remote: string): void {
    const r = parseHlc(remote);
    const phys = this.now();
    if (r.millis - phys > MAX_CLOCK_DRIFT_MS) {
      throw new HlcError(
        'clock_drift',
        `Remote stamp is ${r.millis - phys} ms ahead of this clock`,
      );
    }
    const millis = Math.max(this.last.millis, r.millis, phys);
    let counter: number;
    if (millis === this.last.millis && millis === r.millis) {
      counter = Math.max(this.last.counter, r.counter) + 1;
    } else if (millis === this.last.millis) counter = this.last.counter + 1;
    else if (millis === r.millis) counter = r.counter + 1;
    else counter = 0;
    if (counter > MAX_COUNTER) throw new HlcError('clock_counter_overflow', 'HLC counter overflow');
    this.last = { millis, counter, node: this.node };
  }
}
