import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronBrowserWindow } from 'electron';
import { BrowserWindow, app, resetElectronMock, screen } from '../../mocks/electron';
import {
  DEFAULT_WINDOW_SIZE,
  clampWindowState,
  parseWindowState,
} from '../../../src-main/core/window-state';
import {
  WINDOW_STATE_FILE,
  WINDOW_STATE_SAVE_DELAY_MS,
  createMainWindow,
  focusWindow,
} from '../../../src-main/adapters/window';
import { createAppLogger } from '../../../src-main/adapters/logger';

const laptop = { workArea: { x: 0, y: 0, width: 1440, height: 860 } };
const external = { workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };

describe('window state (pure)', () => {
  it.each([
    '',
    'not json',
    '{"bounds":null}',
    '{"bounds":{"x":"1","y":0,"width":10,"height":10}}',
    '[]',
    'null',
    '{"bounds":{"x":0,"y":0,"width":-5,"height":10}}',
    '{"bounds":{"x":1e308,"y":0,"width":10,"height":10}}',
  ])('treats corrupt saved state %j as none', (json) => {
    expect(parseWindowState(json)).toBeNull();
  });

  it('keeps bounds that fit a display', () => {
    const saved = { bounds: { x: 100, y: 50, width: 1000, height: 700 }, isMaximized: true };
    expect(clampWindowState(saved, [laptop])).toEqual(saved);
  });

  it('brings back a window saved on a monitor that was unplugged', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1600, height: 1000 }, isMaximized: false };
    expect(clampWindowState(saved, [laptop, external])).toEqual(saved);
    const result = clampWindowState(saved, [laptop]);
    expect(result.bounds.width).toBe(DEFAULT_WINDOW_SIZE.width);
    expect(result.bounds.x).toBeGreaterThanOrEqual(0);
    expect(result.bounds.x + result.bounds.width).toBeLessThanOrEqual(1440);
    expect(result.bounds.y + result.bounds.height).toBeLessThanOrEqual(860);
  });

  it('shrinks and moves a window larger than its display into the work area', () => {
    const saved = { bounds: { x: -30, y: 10, width: 3000, height: 2000 }, isMaximized: false };
    expect(clampWindowState(saved, [laptop]).bounds).toEqual({
      x: 0,
      y: 10 - 10,
      width: 1440,
      height: 860,
    });
  });

  it('recovers a title bar dragged above the top of the screen', () => {
    const saved = { bounds: { x: 100, y: -500, width: 800, height: 600 }, isMaximized: false };
    const { bounds } = clampWindowState(saved, [laptop]);
    expect(bounds.y).toBeGreaterThanOrEqual(0);
  });

  it('uses defaults with no saved state and no displays', () => {
    expect(clampWindowState(null, []).bounds).toMatchObject(DEFAULT_WINDOW_SIZE);
  });
});

describe('main window adapter', () => {
  const log = createAppLogger(() => {});
  const open = () =>
    createMainWindow({
      BrowserWindow: BrowserWindow as unknown as typeof ElectronBrowserWindow,
      screen,
      preloadPath: '/p.cjs',
      userDataDir: app.getPath('userData'),
      log,
    }) as unknown as BrowserWindow;

  beforeEach(() => {
    resetElectronMock();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stays hidden until ready-to-show', () => {
    const window = open();
    expect(window.options.show).toBe(false);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('restores saved bounds, falling back to defaults on a corrupt file', () => {
    const file = path.join(app.getPath('userData'), WINDOW_STATE_FILE);
    writeFileSync(
      file,
      JSON.stringify({ bounds: { x: 40, y: 30, width: 900, height: 700 }, isMaximized: true }),
    );
    const restored = open();
    expect(restored.options).toMatchObject({ x: 40, y: 30, width: 900, height: 700 });
    expect(restored.maximize).toHaveBeenCalled();

    writeFileSync(file, '{"bounds": {"x": 4');
    expect(open().options).toMatchObject(DEFAULT_WINDOW_SIZE);
  });

  it('saves bounds once moving settles (debounced) and on close', () => {
    vi.useFakeTimers();
    const file = path.join(app.getPath('userData'), WINDOW_STATE_FILE);
    const window = open();
    window.bounds = { x: 10, y: 20, width: 1000, height: 700 };
    window.emit('move');
    window.emit('resize');
    vi.advanceTimersByTime(WINDOW_STATE_SAVE_DELAY_MS - 1);
    expect(existsSync(file)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(parseWindowState(readFileSync(file, 'utf8'))?.bounds).toEqual(window.bounds);

    window.bounds = { x: 11, y: 21, width: 1001, height: 701 };
    window.emit('resize');
    window.close();
    expect(parseWindowState(readFileSync(file, 'utf8'))?.bounds).toEqual({
      x: 11,
      y: 21,
      width: 1001,
      height: 701,
    });
  });

  it('focusWindow restores a minimized window and focuses it', () => {
    const window = open();
    window.minimized = true;
    focusWindow(window as unknown as ElectronBrowserWindow);
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });
});
