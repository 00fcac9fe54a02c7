// @vitest-environment happy-dom
// Issue 16: a city missing from the place table, for a reader of another script.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CityName } from '../../../src-renderer/src/ui/CityName';

afterEach(cleanup);

describe('CityName', () => {
  it('shows an unknown Korean city in Latin letters to an English reader, stored form on hover', async () => {
    render(<CityName city="포항시" country="KR" language="en" />);
    const shown = await screen.findByTestId('city-latin');
    expect(shown.textContent).toBe('Pohang');
    expect(shown.getAttribute('title')).toBe('포항시');
  });

  it('keeps an unknown kanji city as stored, in Japanese glyphs, for a Vietnamese reader', () => {
    const { container } = render(<CityName city="米子市" country="JP" language="vi" />);
    const span = container.querySelector('span')!;
    expect(span.textContent).toBe('米子市');
    expect(span.getAttribute('lang')).toBe('ja');
  });

  it('shows a table city in Latin at once and a readable one as stored', () => {
    const { container, rerender } = render(<CityName city="鳥取市" country="JP" language="vi" />);
    expect(container.textContent).toBe('Tottori');
    // Han to a Korean reader, as names are shown, the Latin form beside it.
    rerender(<CityName city="鳥取市" country="JP" language="ko" />);
    expect(container.textContent).toBe('鳥取市 (Tottori)');
    expect(container.querySelector('[lang="ja"]')?.textContent).toBe('鳥取市');
    rerender(<CityName city="Bình Dương" country="VN" language="ko" />);
    expect(container.textContent).toBe('Bình Dương');
  });
});
