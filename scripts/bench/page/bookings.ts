/**
 * bookings.timeline_render_ms_week: the real Timeline component, week view,
 * 14 interpreters + 5 vehicles as rows, an office holding 2,000 demo bookings;
 * the first week is shown, its items picked with occurrencesIn as the bookings
 * screen does. `…_all_2000` is the stress case: all 2,000 folded into that week
 * (lanes stack up). Measured: render + commit + style/layout of a fresh mount.
 */
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { displayName, type Booking } from '@shared/bookings';
import { generateDemoData } from '@shared/bookings/demo';
import { createI18n } from '../../../src-renderer/src/i18n';
import { rangeOf } from '../../../src-renderer/src/features/bookings/model/time-axis';
import { occurrencesIn } from '../../../src-renderer/src/features/bookings/model/occurrences';
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
  /** Skip the stress case (for profiling the week alone). */
  weekOnly?: boolean;
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
  const item = (b: Booking, start: number, end: number): TimelineItem => ({
    key: `${b.id}@${start}`,
    bookingId: b.id,
    rowId: b.kind === 'vehicle' ? b.vehicleId : b.interpreterId,
    start,
    end,
    bufferMs: b.kind === 'vehicle' ? (buffers.get(b.vehicleId) ?? 0) : 0,
    status: b.status,
    label: `${b.requester?.label ?? ''} · ${b.purpose}`,
    inConflict: false,
    recurring: Boolean(b.recurrence),
  });
  // As the bookings screen: the week's occurrences of every booking.
  const weekItems = data.bookings.flatMap((b) =>
    occurrencesIn(b, range).map((o) => item(b, o.start, o.end)),
  );
  // Stress: every booking moved by whole weeks into the shown week.
  const allItems = data.bookings.map((b) => {
    const start = Date.parse(b.start);
    const shift = Math.floor((start - range.from) / WEEK) * WEEK;
    return item(b, start - shift, Date.parse(b.end) - shift);
  });
  const i18n = await createI18n({ language: 'en' });
  const container = document.getElementById('root')!;
  const noop = () => undefined;

  const measure = async (items: TimelineItem[]) => {
    const renders: number[] = [];
    const commits: number[] = [];
    const frames: number[] = [];
    let drawn = 0;
    for (let r = 0; r < opts.repeats; r++) {
      const root = createRoot(container);
      // Marks for a trace (DevTools' timings lane: one mount, mount to painted frame).
      performance.mark('timeline:mount');
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
      commits.push(performance.now() - t0);
      // Style and layout of what was committed (the screen paints next).
      void container.getBoundingClientRect().height;
      renders.push(performance.now() - t0);
      // The timeline draws the blocks in the scrolled-to stretch of the week (windowing).
      const blocks = container.querySelectorAll('.bk-block').length;
      drawn = blocks;
      // Until the frame that shows it is done (rAF, then a task after that frame's paint):
      // includes paint and up to one frame interval of waiting; what a person sees.
      await nextFrame();
      await new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      });
      frames.push(performance.now() - t0);
      performance.mark('timeline:painted');
      // Unmounted in a task of its own, so that a trace of the mount holds nothing else.
      await sleep(0);
      root.unmount();
      if (blocks === 0 || blocks > items.length) {
        throw new Error(`timeline drew ${blocks} of ${items.length}`);
      }
      await sleep(100);
    }
    return { renders, commits, frames, drawn };
  };
  // Warm-up mount (first use of fonts, styles, JIT), not counted.
  await measure(weekItems.slice(0, 50));
  const {
    renders: week,
    commits: weekCommits,
    frames: weekFrames,
    drawn: weekDrawn,
  } = await measure(weekItems);
  const { renders: all, drawn: allDrawn } = opts.weekOnly
    ? { renders: [NaN], drawn: 0 }
    : await measure(allItems);
  const runs = (xs: number[]) => xs.map((x) => Math.round(x)).join(', ');
  return [
    {
      name: 'bookings.timeline_render_ms_week',
      value: round2(median(week)),
      unit: 'ms',
      target: '< 100 ms',
      note: `real Timeline, week view, ${rows.length} rows; office holds ${data.bookings.length} bookings, the shown week ${weekItems.length} (occurrencesIn), ${weekDrawn} drawn in a 1366 px window; render+commit+layout, median of ${opts.repeats}: ${runs(week)} ms (React render+commit alone: median ${Math.round(median(weekCommits))} ms)`,
    },
    {
      name: 'bookings.timeline_frame_ms_week',
      value: round2(median(weekFrames)),
      unit: 'ms',
      target: '(until painted)',
      note: `the same mounts until the frame showing them has painted (includes waiting for that frame); runs ${runs(weekFrames)} ms`,
    },
    {
      name: `bookings.timeline_render_ms_week_all_${data.bookings.length}`,
      value: round2(median(all)),
      unit: 'ms',
      target: '(stress)',
      note: `all ${allItems.length} bookings folded into the shown week, ${allDrawn} drawn; runs ${runs(all)} ms`,
    },
  ];
}
