/**
 * The cipher an open database seals with, replaceable while it stays open (issue 14): a
 * revoked laptop forgets its stored data key, and the window keeps working on a new one
 * (rotate.ts). Between `replace` and `retire`, values sealed with the previous key still
 * open, so what stays can be read and sealed again under the new key; after `retire` only
 * the new key opens anything.
 */
import { createValueCipher, SealedValueError, type ValueCipher } from './cipher';

export class SealingKeys implements ValueCipher {
  private current: ValueCipher;
  private previous: ValueCipher | null = null;

  constructor(key: Uint8Array) {
    this.current = createValueCipher(key);
  }

  /** Seals with `key` from now on; the previous key still opens until `retire()`. */
  replace(key: Uint8Array): void {
    this.previous = this.current;
    this.current = createValueCipher(key);
  }

  /** Drops the previous key: what it sealed no longer opens. */
  retire(): void {
    this.previous = null;
  }

  seal(context: string, value: unknown): Uint8Array {
    return this.current.seal(context, value);
  }

  open(context: string, sealed: Uint8Array): unknown {
    return this.withFallback((c) => c.open(context, sealed));
  }

  sealText(context: string, text: string): string {
    return this.current.sealText(context, text);
  }

  openText(context: string, sealed: string): string {
    return this.withFallback((c) => c.openText(context, sealed));
  }

  private withFallback<T>(read: (cipher: ValueCipher) => T): T {
    try {
      return read(this.current);
    } catch (error) {
      if (!this.previous || !(error instanceof SealedValueError)) throw error;
      return read(this.previous);
    }
  }
}
