// Issue 16, item 6: `npm start` finds out whether Electron's binary is installed without
// running the electron package (which downloads it, printing "Downloading Electron
// binary…" and a fetch-failed stack trace on a machine without internet).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../scripts/electron-binary.mjs';

function fakePackage(): string {
  return mkdtempSync(join(tmpdir(), 'electron-pkg-'));
}

describe('finding the Electron binary', () => {
  it('is null when the package never installed its binary (no path.txt)', () => {
    expect(findElectronBinary(fakePackage(), {})).toBeNull();
  });

  it('is null when path.txt names a binary that is not in dist/', () => {
    const dir = fakePackage();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary(dir, {})).toBeNull();
  });

  it('is the binary in dist/ when installed', () => {
    const dir = fakePackage();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(findElectronBinary(dir, {})).toBe(join(dir, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the package does', () => {
    const dir = fakePackage();
    const other = fakePackage();
    writeFileSync(join(other, 'electron'), '');
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: other })).toBe(
      join(other, 'electron'),
    );
  });

  it('npm start no longer requires the electron package (which would download)', () => {
    const start = readFileSync(resolve(__dirname, '../../../scripts/start.mjs'), 'utf8');
    expect(start).not.toMatch(/require\(['"]electron['"]\)/);
    expect(start).toContain('findElectronBinary');
  });
});
