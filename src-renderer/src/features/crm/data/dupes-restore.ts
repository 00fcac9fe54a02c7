import type { DuplicateIndex } from '@shared/crm/duplicates';
import type { BuyerRow } from './buyer-rows';
import type { DupeEntries } from './index-snapshot';

/** Longest stretch of importing between two yields to the UI. */
const SLICE_MS = 8;
/** Buyers imported between two looks at the clock. */
const STEP = 20;

/**
 * The duplicate keys of a restored snapshot (index-snapshot.ts), put into the
 * duplicate index after the list is ready rather than before: at 100,000
 * buyers that is about a third of the start's main-thread work, and nothing
 * needs duplicates before a person edits, imports or opens the duplicates list.
 * The index is complete whenever it is asked for: `finish()` imports what is
 * still waiting, at once (the CRM index calls it before any read or write of
 * its duplicate index). Meanwhile `drain()` imports them in short slices.
 */
export class DupesRestore {
  private pending: [BuyerRow, DupeEntries][] = [];
  private at = 0;

  constructor(private readonly dupes: DuplicateIndex) {}

  /** Keeps one restored buyer's keys for later (restoreRows' target). */
  importBuyer(row: BuyerRow, entries: DupeEntries): void {
    this.pending.push([row, entries]);
  }

  get done(): boolean {
    return this.at >= this.pending.length;
  }

  /** Imports everything still waiting, now. */
  finish(): DuplicateIndex {
    this.importUpTo(this.pending.length);
    return this.dupes;
  }

  /** Imports in short slices, each after a yield, until done or `stopped()`. */
  async drain(yieldToUi: () => Promise<void>, stopped: () => boolean): Promise<void> {
    while (!this.done && !stopped()) {
      await yieldToUi();
      if (stopped()) return;
      const end = performance.now() + SLICE_MS;
      while (!this.done && performance.now() < end) this.importUpTo(this.at + STEP);
    }
  }

  private importUpTo(end: number): void {
    const to = Math.min(end, this.pending.length);
    for (; this.at < to; this.at++) {
      const [row, entries] = this.pending[this.at]!;
      this.dupes.importBuyer(row, entries);
    }
    if (this.done) this.pending = [];
  }
}
