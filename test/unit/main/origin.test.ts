import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl, toDevOrigin } from '../../../src-main/core/origin';
import { isSafeExternalUrl } from '../../../src-main/core/external-links';

describe('app origin', () => {
  it('is fixed: IndexedDB lives under this origin forever', () => {
    expect(APP_ORIGIN).toBe('app://bridgehead');
    expect(APP_ENTRY_URL).toBe('app://bridgehead/index.html');
  });

  it.each([
    'app://bridgehead',
    'app://bridgehead/',
    'app://bridgehead/index.html',
    'app://bridgehead/buyers/42?tab=talks#notes',
  ])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'app://user@bridgehead/',
    'app://user:pw@bridgehead/',
    'app://bridgehead.evil/',
    'app://bridgehead:8080/',
    'app://evil/',
    'app://evilbridgehead/',
    'appx://bridgehead/',
    'https://bridgehead/',
    'https://evil.example/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'about:blank',
    '',
    'not a url',
  ])('rejects %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('trusts the exact dev server origin only when one is given', () => {
    const dev = toDevOrigin('http://localhost:5173/');
    expect(dev).toBe('http://localhost:5173');
    expect(isAppUrl('http://localhost:5173/buyers', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('http://user@localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('http://localhost:5173.evil.example/', dev)).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
  });

  it('never turns a remote URL into a dev origin', () => {
    expect(toDevOrigin('https://evil.example/')).toBeNull();
    expect(toDevOrigin('http://user@localhost:5173/')).toBeNull();
    expect(toDevOrigin('file:///tmp/index.html')).toBeNull();
    expect(toDevOrigin('garbage')).toBeNull();
    expect(toDevOrigin(undefined)).toBeNull();
    expect(toDevOrigin('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
  });
});

describe('external link allow-list', () => {
  it.each(['https://www.kotra.or.kr/', 'https://example.com/a?b=c', 'mailto:buyer@example.jp'])(
    'allows %s',
    (url) => {
      expect(isSafeExternalUrl(url)).toBe(true);
    },
  );

  it.each([
    'http://example.com/',
    'javascript:alert(1)',
    'file:///C:/Windows/System32/calc.exe',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'app://bridgehead/index.html',
    'https://user:secret@example.com/',
    'https://user@example.com/',
    'data:text/html,hi',
    '',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses absurdly long URLs', () => {
    expect(isSafeExternalUrl(`https://example.com/${'a'.repeat(3000)}`)).toBe(false);
  });
});
