// @vitest-environment happy-dom
// Issue 16: date inputs showed ISO 2026-12-08 in every language. A picker shows the reader's
// format and still reads an ISO date typed in.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SUPPORTED_LANGUAGES } from '../../../src-shared/i18n/languages';
import { datePickerFormat } from '../../../src-renderer/src/ui/picker-formats';

afterEach(cleanup);

const SHOWN = {
  ja: '2026/12/08',
  vi: '08/12/2026',
  ko: '2026. 12. 8.',
  'zh-CN': '2026年12月8日',
  en: 'Dec 8, 2026',
} as const;

describe('date pickers in the reader’s format', () => {
  it.each(SUPPORTED_LANGUAGES)('%s: shows a date as the reader writes one, not ISO', (language) => {
    render(<DatePicker value={dayjs('2026-12-08')} format={datePickerFormat(language)} />);
    expect(screen.getByRole('textbox')).toHaveProperty('value', SHOWN[language]);
  });

  it.each(['ja', 'vi'] as const)(
    '%s: an ISO date typed in is read, then shown localized',
    (language) => {
      const onChange = vi.fn<(d: Dayjs | null) => void>();
      render(<DatePicker format={datePickerFormat(language)} onChange={onChange} />);
      const input = screen.getByRole('textbox');
      fireEvent.mouseDown(input);
      fireEvent.focus(input);
      fireEvent.change(input, { target: { value: '2026-12-08' } });
      fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
      fireEvent.blur(input);
      expect(onChange).toHaveBeenCalledTimes(1);
      expect(onChange.mock.calls[0]![0]!.format('YYYY-MM-DD')).toBe('2026-12-08');
      expect(input).toHaveProperty('value', SHOWN[language]);
    },
  );

  it("a range picker (a mission's dates) reads two ISO dates typed in, in en", () => {
    const onChange = vi.fn<(d: [Dayjs | null, Dayjs | null] | null) => void>();
    render(<DatePicker.RangePicker format={datePickerFormat('en')} onChange={onChange} />);
    const [start, end] = screen.getAllByRole('textbox');
    fireEvent.mouseDown(start!);
    fireEvent.focus(start!);
    fireEvent.change(start!, { target: { value: '2026-12-08' } });
    fireEvent.keyDown(start!, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.focus(end!);
    fireEvent.change(end!, { target: { value: '2026-12-09' } });
    fireEvent.keyDown(end!, { key: 'Enter', code: 'Enter', keyCode: 13 });
    const range = onChange.mock.calls.at(-1)?.[0];
    expect(range?.map((d) => d?.format('YYYY-MM-DD'))).toEqual(['2026-12-08', '2026-12-09']);
    expect([start, end].map((i) => (i as HTMLInputElement).value)).toEqual([
      'Dec 8, 2026',
      'Dec 9, 2026',
    ]);
  });

  it.each([
    ['ja', '2026/12/8'],
    ['vi', '8/12/2026'],
    ['ko', '2026.12.8'],
  ] as const)('%s: the reader’s own short form typed in is read too (%s)', (language, typed) => {
    const onChange = vi.fn<(d: Dayjs | null) => void>();
    render(<DatePicker format={datePickerFormat(language)} onChange={onChange} />);
    const input = screen.getByRole('textbox');
    fireEvent.mouseDown(input);
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: typed } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(onChange.mock.calls[0]?.[0]?.format('YYYY-MM-DD')).toBe('2026-12-08');
  });
});
