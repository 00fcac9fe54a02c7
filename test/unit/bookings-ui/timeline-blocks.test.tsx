// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../src-renderer/src/i18n';
import { timeRange } from '../../../src-renderer/src/features/bookings/model/describe';
import { rangeOf } from '../../../src-renderer/src/features/bookings/model/time-axis';
import {
  Timeline,
  type TimelineItem,
} from '../../../src-renderer/src/features/bookings/ui/Timeline';

afterEach(cleanup);

const zone = 'America/Los_Angeles';
const noop = () => undefined;

/** The real Timeline with one van row, in `language`, over `range`. */
function renderTimeline(
  i18n: Awaited<ReturnType<typeof createI18n>>,
  props: {
    items: TimelineItem[];
    range: ReturnType<typeof rangeOf>;
    mode: 'day' | 'week';
    zoom?: 'fit' | 'hour' | 'half';
    language: 'en' | 'vi';
    notAtHq?: ReadonlySet<string>;
  },
) {
  return render(
    <I18nextProvider i18n={i18n}>
      <Timeline
        rows={[{ id: 'r1', title: 'VAN-1', subtitle: 'Van' }]}
        zone={zone}
        now={props.range.from}
        onCreate={noop}
        onOpen={noop}
        onChange={async () => true}
        onDaySheet={noop}
        {...props}
      />
    </I18nextProvider>,
  );
}

describe('Timeline blocks', () => {
  it('show the same time range and label text as describe.timeRange, per block', async () => {
    const i18n = await createI18n({ language: 'en' });
    const range = rangeOf('2025-03-03', zone, 'week');
    const start = range.from + 8 * 3_600_000; // 08:00 local (the range starts at local midnight)
    const items: TimelineItem[] = [0, 1].map((d) => ({
      key: `b${d}@${start + d * 86_400_000}`,
      bookingId: `b${d}`,
      rowId: 'r1',
      start: start + d * 86_400_000,
      end: start + d * 86_400_000 + 90 * 60_000,
      bufferMs: 0,
      status: 'confirmed',
      label: `Trip ${d}`,
      inConflict: d === 1,
      recurring: false,
    }));
    renderTimeline(i18n, { items, range, mode: 'week', language: 'en' });
    for (const item of items) {
      const block = screen.getByTestId(`block-${item.bookingId}`);
      const time = timeRange(item.start, item.end, zone, 'en');
      expect(time).toBe('08:00–09:30');
      // A week column at 1024 px is 112 px: the whole range, also beside the conflict mark
      // (it sits on the name line), even by the estimate of the widest font (no canvas here).
      expect(block.querySelector('.bk-block-time')?.textContent).toBe(time);
      const status = i18n.t('bookings:status.confirmed');
      const conflict = item.inConflict ? `, ${i18n.t('bookings:conflict.marker')}` : '';
      // The visible text first: the range, the name, then status and conflict.
      const name = `${time} ${item.label}, ${status}${conflict}`;
      // The accessible name: the visible text first, then status and conflict (not visible text).
      expect(screen.getByRole('button', { name })).toBe(block);
      // The tooltip says the same, set when the pointer comes by.
      expect(block.getAttribute('title')).toBeNull();
      fireEvent.pointerOver(block.querySelector('.bk-block-label')!);
      expect(block.getAttribute('title')).toBe(name);
    }
    // The week view opens at its start.
    expect(screen.getByTestId('timeline').querySelector('.bk-timeline-scroll')?.scrollLeft).toBe(0);
  });

  it('mark the bookings not yet at HQ (icon, title and screen-reader text), only those', async () => {
    const i18n = await createI18n({ language: 'vi' });
    const range = rangeOf('2025-03-03', zone, 'day');
    const start = range.from + 9 * 3_600_000;
    const items: TimelineItem[] = ['sent', 'unsent'].map((id, i) => ({
      key: `${id}@${start + i * 7_200_000}`,
      bookingId: id,
      rowId: 'r1',
      start: start + i * 7_200_000,
      end: start + i * 7_200_000 + 3_600_000,
      bufferMs: 0,
      status: 'tentative',
      label: id,
      inConflict: false,
      recurring: false,
    }));
    renderTimeline(i18n, {
      items,
      range,
      mode: 'day',
      language: 'vi',
      notAtHq: new Set(['unsent']),
    });
    const marker = i18n.t('sync:marker.notAtHq');
    expect(marker).toBe('Chưa gửi về Trụ sở chính');
    const unsent = screen.getByTestId('block-unsent');
    expect(unsent.className).toContain('bk-not-at-hq');
    expect(unsent.getAttribute('aria-label')).toMatch(new RegExp(`, ${marker}$`));
    expect(unsent.querySelector('[data-testid="block-not-at-hq"]')).not.toBeNull();
    const sent = screen.getByTestId('block-sent');
    expect(sent.className).not.toContain('bk-not-at-hq');
    expect(sent.getAttribute('aria-label')).not.toContain(marker);
    expect(sent.querySelector('[data-testid="block-not-at-hq"]')).toBeNull();
  });
});

describe('Timeline windowing', () => {
  // One booking a day at 08:00 for a week, zoomed to an hour: a week day is 14 hours of 48 px (672 px).
  async function week() {
    const i18n = await createI18n({ language: 'en' });
    const range = rangeOf('2025-03-03', zone, 'week');
    const items: TimelineItem[] = [0, 1, 2, 3, 4, 5, 6].map((d) => {
      const start = range.from + d * 86_400_000 + 8 * 3_600_000;
      return {
        key: `b${d}@${start}`,
        bookingId: `b${d}`,
        rowId: 'r1',
        start,
        end: start + 90 * 60_000,
        bufferMs: 0,
        status: 'confirmed',
        label: `Trip ${d}`,
        inConflict: false,
        recurring: false,
      };
    });
    renderTimeline(i18n, { items, range, mode: 'week', zoom: 'hour', language: 'en' });
  }
  const drawn = () =>
    [...document.querySelectorAll('.bk-block')].map((b) => b.getAttribute('data-testid'));

  it('draws only the blocks in view (a 1024 px window: 804 px of track), the rest once scrolled to', async () => {
    expect(window.innerWidth).toBe(1024);
    await week();
    // Monday (48 px) and Tuesday (720) start before 896 px (804 rounded up to 128 px steps);
    // Wednesday at 1392.
    expect(drawn()).toEqual(['block-b0', 'block-b1']);
    const scroller = screen.getByTestId('timeline').querySelector('.bk-timeline-scroll')!;
    act(() => {
      scroller.scrollLeft = 1200;
      fireEvent.scroll(scroller);
    });
    // 896 (1200 less 256 of overscan, in 128 px steps) to 2304: Wednesday (1392) and Thursday
    // (2064); Monday stays (the tab stop).
    expect(drawn()).toEqual(['block-b0', 'block-b2', 'block-b3']);
  });

  it('reaches every booking with the keyboard: a block out of view is drawn and focused', async () => {
    await week();
    const first = screen.getByTestId('block-b0');
    expect(first.tabIndex).toBe(0);
    // The keyboard help and shortcuts are on the tab stop.
    expect(first.getAttribute('aria-describedby')).toBe('bk-timeline-help');
    expect(first.getAttribute('aria-keyshortcuts')).toContain('ArrowRight');
    first.focus();
    act(() => void fireEvent.keyDown(first, { key: 'End' }));
    const last = screen.getByTestId('block-b6');
    expect(document.activeElement).toBe(last);
    expect(last.tabIndex).toBe(0);
    act(() => void fireEvent.keyDown(last, { key: 'ArrowLeft' }));
    expect(document.activeElement).toBe(screen.getByTestId('block-b5'));
    expect(screen.getByTestId('block-b5').getAttribute('aria-describedby')).toBe(
      'bk-timeline-help',
    );
  });
});
