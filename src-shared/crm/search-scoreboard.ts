/** Highest score a hit can have (tier + field weight): counting sort bound. */
const MAX_SCORE = 4_096;

/** Per-query best match per document, in arrays reused across queries (no per-hit objects). */
export class Scoreboard {
  score = new Int32Array(0);
  field = new Uint8Array(0);
  slot = new Int16Array(0);
  tier = new Uint8Array(0);
  /** The matched key is src[doc].slice(from[doc], to[doc]) (cut only for returned hits). */
  src: string[] = [];
  from = new Int32Array(0);
  to = new Int32Array(0);
  stamp = new Uint32Array(0);
  generation = 0;
  touched: number[] = [];

  reset(size: number): void {
    if (this.score.length < size) {
      const cap = Math.max(size, this.score.length * 2, 1024);
      this.score = new Int32Array(cap);
      this.field = new Uint8Array(cap);
      this.slot = new Int16Array(cap);
      this.tier = new Uint8Array(cap);
      this.stamp = new Uint32Array(cap);
      this.src = new Array<string>(cap);
      this.from = new Int32Array(cap);
      this.to = new Int32Array(cap);
      this.generation = 0;
    }
    this.generation++;
    this.touched = [];
  }

  offer(
    doc: number,
    score: number,
    field: number,
    slot: number,
    tier: number,
    src: string,
    from: number,
    to: number,
  ): void {
    if (this.stamp[doc] !== this.generation) {
      this.stamp[doc] = this.generation;
      this.touched.push(doc);
    } else if (this.score[doc]! >= score) {
      return;
    }
    this.score[doc] = score;
    this.field[doc] = field;
    this.slot[doc] = slot;
    this.tier[doc] = tier;
    this.src[doc] = src;
    this.from[doc] = from;
    this.to[doc] = to;
  }

  /** Top `limit` documents by score (counting sort: scores are small integers), ties by index. */
  top(limit: number): number[] {
    const counts = new Uint32Array(MAX_SCORE + 1);
    for (const d of this.touched) counts[this.score[d]!]!++;
    let threshold = MAX_SCORE;
    let kept = 0;
    while (threshold > 0 && kept + counts[threshold]! < limit) kept += counts[threshold--]!;
    // Above the threshold: all of them. At the threshold (often thousands of equal
    // scores for a short query): only the lowest indexes, via a native numeric sort.
    const above: number[] = [];
    const tied: number[] = [];
    for (const d of this.touched) {
      const sc = this.score[d]!;
      if (sc > threshold) above.push(d);
      else if (sc === threshold) tied.push(d);
    }
    above.sort((a, b) => this.score[b]! - this.score[a]! || a - b);
    const ties = Int32Array.from(tied)
      .sort()
      .subarray(0, Math.max(0, limit - above.length));
    return [...above, ...ties].slice(0, limit);
  }
}
