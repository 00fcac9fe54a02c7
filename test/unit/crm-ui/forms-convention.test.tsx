// @vitest-environment happy-dom
/**
 * Forms and shell as people meet them (issue 16 items 4, 9, 12): one way of marking fields
 * (a * on required ones; no "(optional)" / "(オプション)" word anywhere), a buyer saved with its
 * company name only (the empty contact row the form opens with is no contact), a contact with
 * no name told which names would do, CJK button words kept whole ("保存", not "保 存"), one
 * `main` landmark per screen, and the danger red readable on white.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { appTheme } from '../../../src-renderer/src/App';
import { renderApp } from '../renderer/render-app';

afterEach(() => cleanup());

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.tsx') ? [path] : [];
  });
}

/** WCAG relative luminance contrast of a #rrggbb colour against white. */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (l + 0.05);
}

describe('one convention for required and optional fields', () => {
  it('no form marks optional fields, and none hides the * of its required ones', () => {
    const root = resolve(import.meta.dirname, '../../../src-renderer/src');
    const offenders = filesUnder(root).filter((file) => {
      const source = readFileSync(file, 'utf8');
      if (source.includes('requiredMark="optional"')) return true;
      return source.includes('requiredMark={false}') && source.includes('required: true');
    });
    expect(offenders).toEqual([]);
  });

  it('the Japanese buyer form: * on the company name, no (オプション), 保存 written whole', async () => {
    await renderApp({ path: '/buyers/new', language: 'ja', officeId: 'tokyo' });
    const form = await screen.findByTestId('screen-buyer-form', {}, { timeout: 10_000 });
    const labels = [...form.querySelectorAll('label')].map((l) => l.textContent).join(' | ');
    expect(labels).toContain('姓');
    expect(labels).not.toMatch(/オプション|任意/);
    const required = [...form.querySelectorAll('label.ant-form-item-required')].map(
      (l) => l.textContent,
    );
    expect(required).toContain('現地表記の名前');
    expect(screen.getByTestId('buyer-save').textContent).toBe('保存');
  });
});

describe('saving a buyer', () => {
  it('saves with the company name only: the empty contact row is no contact', async () => {
    const user = userEvent.setup();
    const app = await renderApp({ path: '/buyers/new', language: 'en', officeId: 'tokyo' });
    await screen.findByTestId('screen-buyer-form', {}, { timeout: 10_000 });
    // The form opens with one contact row, labelled "Family name" (no "(optional)").
    expect(screen.getByTestId('contact-0-family')).toBeTruthy();
    const labels = [...document.querySelectorAll('label')].map((l) => l.textContent).join(' | ');
    expect(labels).toContain('Family name');
    expect(labels).not.toMatch(/optional/i);
    type('buyer-name-native', 'Harbor Foods LLC');
    await user.click(screen.getByTestId('buyer-save'));
    await waitFor(
      () => expect(app.router.state.location.pathname).toMatch(/^\/buyers\/(?!new$)[^/]+$/),
      {
        timeout: 10_000,
      },
    );
    expect(await app.db.table('buyers').count()).toBe(1);
    expect(await app.db.table('contacts').count()).toBe(0);
    expect(screen.queryByText('This field is required.')).toBeNull();
  });

  it('a contact with an email but no name says which names would do, and saves nothing', async () => {
    const user = userEvent.setup();
    const app = await renderApp({ path: '/buyers/new', language: 'en', officeId: 'tokyo' });
    await screen.findByTestId('screen-buyer-form', {}, { timeout: 10_000 });
    type('buyer-name-native', 'Harbor Foods LLC');
    type('contact-0-emails', 'buyer@harbor.example');
    await user.click(screen.getByTestId('buyer-save'));
    await screen.findByText(
      'Enter a family name, a given name or a name in Latin letters.',
      {},
      { timeout: 10_000 },
    );
    expect(await app.db.table('buyers').count()).toBe(0);
  });
});

describe('shell', () => {
  it('has exactly one main landmark', async () => {
    await renderApp({ path: '/buyers', language: 'en', officeId: 'tokyo' });
    await screen.findByTestId('screen-buyers', {}, { timeout: 10_000 });
    expect(document.querySelectorAll('main, [role="main"]')).toHaveLength(1);
    // The skip link still lands in it.
    expect(document.querySelector('main #main-content')).not.toBeNull();
  });

  it('danger buttons and error texts use a red readable on white (WCAG AA 4.5:1)', () => {
    const red = appTheme.token?.colorError;
    expect(red).toMatch(/^#[0-9a-f]{6}$/i);
    expect(contrastOnWhite(red!)).toBeGreaterThanOrEqual(4.5);
    // antd's default #ff4d4f failed.
    expect(contrastOnWhite('#ff4d4f')).toBeLessThan(4.5);
  });
});
