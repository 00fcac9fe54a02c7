// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  defaultPaper,
  loadPaper,
  pageRule,
  savePaper,
} from '../../../src-renderer/src/features/bookings/model/paper';

beforeEach(() => localStorage.clear());

describe('day sheet paper', () => {
  it('defaults to Letter for the Los Angeles office, A4 for the others', () => {
    expect(defaultPaper('US')).toBe('Letter');
    for (const country of ['JP', 'CN', 'VN', 'KR'])
      expect(defaultPaper(country, 'en-US')).toBe('A4');
  });

  it('falls back to the locale region without an office country', () => {
    expect(defaultPaper('', 'en-US')).toBe('Letter');
    expect(defaultPaper('', 'en-GB')).toBe('A4');
    expect(defaultPaper('', 'ko')).toBe('A4');
  });

  it('remembers the user choice and ignores junk', () => {
    expect(loadPaper('A4')).toBe('A4');
    savePaper('Letter');
    expect(loadPaper('A4')).toBe('Letter');
    localStorage.setItem('bridgehead.bookings.paperSize', 'A3');
    expect(loadPaper('Letter')).toBe('Letter');
  });

  it('writes the @page size both print paths follow', () => {
    expect(pageRule('A4')).toContain('size: A4 portrait');
    expect(pageRule('Letter')).toContain('size: letter portrait');
  });
});
