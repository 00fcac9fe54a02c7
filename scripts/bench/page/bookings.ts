/**
 * bookings.timeline_render_ms_week: the real Timeline component, week view,
 * 14 interpreters + 5 vehicles as rows and 2,000 demo bookings, ALL of them
 * folded into the displayed week (the worst case: lanes stack up), rendered
 * from scratch. Measured: render + commit + style/layout, until the next frame.
 */
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { displayName } from '@shared/bookings';
import { generateDemoData } from '@shared/bookings/demo';
import { createI18n } from '../../../src-renderer/src/i18n';
import { rangeOf } from '../../../src-renderer/src/features/bookings/model/timeAxis';
import {
  Timeline,
  type TimelineItem,
  type TimelineRow,
} from '../../../src-renderer/src/features/bookings/ui/Timeline';
import '../../../src-renderer/src/features/bookings/bookings.css';
import { median, nextFrame, round2, sleep, type PageResult } from './util';

const WEEK = 7 * 86_400_000;

export async function timelineRender(opts: {
  bookings: number;
  repeats: number;
}): Promise<PageResult[]> {
  const data = generateDemoData({ bookings: opts.bookings, from: '2025-03-03' });
  const zone = data.office.timeZone;
  const range = rangeOf('2025-03-03', zone, 'week');
  const rows: TimelineRow[] = [
    ...data.interpreters.map((p) => {
      const n = displayName(p.name, 'en');
      return {
        id: p.id,
        title: n.primary,
        titleLang: n.lang,
        subtitle: p.languagePairs.join(', '),
      };
    }),
    ...data.vehicles.map((v) => ({ id: v.id, title: v.plate, subtitle: v.model })),
  ];
  const buffers = new Map(data.vehicles.map((v) => [v.id, v.turnaroundBufferMinutes * 60_000]));
  const items: TimelineItem[] = data.bookings.map((b) => {
    const start = Date.parse(b.start);
    const end = Date.parse(b.end);
    const shift = Math.floor((start - range.from) / WEEK) * WEEK;
    const rowId = b.kind === 'vehicle' ? b.vehicleId : b.interpreterId;
    return {
      key: `${b.id}@${start - shift}`,
      bookingId: b.id,
      rowId,
      start: start - shift,
      end: end - shift,
      bufferMs: b.kind === 'vehicle' ? (buffers.get(b.vehicleId) ?? 0) : 0,
      status: b.status,
      label: `${b.requester?.label ?? ''} · ${b.purpose}`,
      inConflict: false,
      recurring: false,
    };
  });
  const inWeek = items.filter((i) => i.start < range.to && i.end > range.from).length;
  const i18n = await createI18n({ language: 'en' });
  const container = document.getElementById('root')!;
  const noop = () => undefined;
  const renders: number[] = [];
  const frames: number[] = [];
  for (let r = 0; r < opts.repeats; r++) {
    const root = createRoot(container);
    const t0 = performance.now();
    flushSync(() =>
      root.render(
        createElement(
          I18nextProvider,
          { i18n },
          createElement(Timeline, {
            rows,
            items,
            range,
            mode: 'week',
            zone,
            language: 'en',
            now: range.from + 2 * 86_400_000,
            onCreate: noop,
            onOpen: noop,
            onChange: async () => true,
            onDaySheet: noop,
          }),
        ),
      ),
    );
    // Style and layout of what was committed.
    void container.getBoundingClientRect().height;
    const blocks = container.querySelectorAll('.bk-block').length;
    renders.push(performance.now() - t0);
    frames.push((await nextFrame()) - t0);
    root.unmount();
    if (r === 0 && blocks === 0) throw new Error('timeline rendered no booking blocks');
    await sleep(100);
  }
  return [
    {
      name: 'bookings.timeline_render_ms_week',
      value: round2(median(renders)),
      unit: 'ms',
      target: '< 100 ms',
      note: `real Timeline, week view, ${rows.length} rows, ${inWeek} bookings all in the week; render+commit+layout (median of ${opts.repeats}; first ${Math.round(renders[0]!)} ms cold); until next frame ${round2(median(frames))} ms`,
    },
  ];
}
