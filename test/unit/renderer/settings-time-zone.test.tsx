// @vitest-environment happy-dom
// Issue 16, item 7: Settings names the chosen time zone in the reader's language, like the
// office default, never by IANA id ("Asia/Seoul (UTC+09:00)").
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from './render-app';

afterEach(() => cleanup());

describe('Settings time-zone picker', () => {
  it.each([
    ['ko', '한국 표준시 · 대한민국 (UTC+09:00)'],
    ['ja', '韓国標準時 · 韓国 (UTC+09:00)'],
  ] as const)(
    '%s: once another zone is chosen, it shows its localized name',
    async (lng, seoul) => {
      const { store } = await renderApp({ path: '/settings', language: lng, officeId: 'tokyo' });
      const picker = await screen.findByTestId('settings-timezone');
      await store.getState().setTimeZoneOverride('Asia/Seoul');
      await waitFor(() => expect(picker.textContent).toContain(seoul));
      expect(picker.textContent).not.toContain('Asia/');
    },
  );
});
