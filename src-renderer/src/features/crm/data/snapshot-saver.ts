import type Dexie from 'dexie';
import type { SearchBackend } from '../search/backend';
import { DOC_CHUNK, writeSnapshot } from './index-snapshot';
import { serializeRows, type SnapshotState } from './snapshot-state';
import { yieldToUi } from '../../../platform/yield-to-ui';

/** What the saver asks of the CRM index (crm-index.ts). */
export interface SaverHost {
  readonly db: Dexie;
  state(): SnapshotState;
  searcher(): SearchBackend;
  /** The last change-log seq the index reflects (null: unknown). */
  appliedSeq(): number | null;
  /** Changes whenever writes start or finish being applied. */
  applyEpoch(): number;
  /** Ready, nothing pending, nothing being applied. */
  quiet(): boolean;
  disposed(): boolean;
  nameOrder(): Promise<string[]>;
  settled(): Promise<void>;
  /** True when the error only means the index or its database went away. */
  stoppedByClose(error: unknown): boolean;
}

/**
 * Saves the CRM index's snapshot (index-snapshot.ts) once writes have been
 * quiet for `delayMs`, in short tasks, only when something changed since the
 * snapshot loaded or saved last (`seq`). A save that sees a write applied
 * meanwhile gives up; the next quiet moment saves.
 */
export class SnapshotSaver {
  /** The seq of the snapshot loaded or saved last. */
  seq: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving = false;

  constructor(
    private readonly host: SaverHost,
    private readonly delayMs: number,
  ) {}

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  schedule(): void {
    this.dispose();
    const seq = this.host.appliedSeq();
    if (this.host.disposed() || seq === null || seq === this.seq) return;
    if (!this.host.searcher().exportDocuments) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save();
    }, this.delayMs);
  }

  private async save(): Promise<'saved' | 'later' | 'failed'> {
    const { host } = this;
    const seq = host.appliedSeq();
    const searcher = host.searcher();
    if (this.saving || seq === null || !searcher.exportDocuments || !host.quiet()) return 'later';
    this.saving = true;
    const epoch = host.applyEpoch();
    const current = () =>
      !host.disposed() && epoch === host.applyEpoch() && seq === host.appliedSeq() && host.quiet();
    try {
      // Every write sent to the search worker applied, every document built.
      await searcher.whenIdle();
      const ids = await host.nameOrder();
      if (!current()) return 'later';
      const docs = await searcher.exportDocuments(DOC_CHUNK);
      if (!current()) return 'later';
      const rowChunks = await serializeRows(ids, host.state(), yieldToUi, current);
      if (!rowChunks) return 'later';
      const saved = await writeSnapshot(
        host.db,
        {
          seq,
          total: ids.length,
          rowChunks,
          docChunks: docs.chunks,
          docsFingerprint: docs.fingerprint,
        },
        yieldToUi,
      );
      if (saved) this.seq = seq;
      return 'saved';
    } catch (error) {
      if (!host.stoppedByClose(error))
        console.warn('[crm] the index snapshot was not saved', error);
      return 'failed';
    } finally {
      this.saving = false;
      // Writes applied while saving: save again once they are quiet.
      if (!host.disposed() && host.appliedSeq() !== this.seq) this.schedule();
    }
  }

  /** Resolves once a snapshot reflecting every applied write is saved (tests, benches). */
  async saved(): Promise<void> {
    if (!this.host.searcher().exportDocuments) return;
    for (;;) {
      await this.host.settled();
      const seq = this.host.appliedSeq();
      if (this.host.disposed() || seq === null || seq === this.seq) return;
      this.dispose();
      if ((await this.save()) === 'failed') return;
      await yieldToUi();
    }
  }
}
