import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Menu, resetElectronMock } from '../../mocks/electron';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';
import { MENU_KEYS, buildMenuTemplate } from '../../../src-main/core/menu-template';
import type { MenuKey, MenuTemplateItem } from '../../../src-main/core/menu-template';
import { createMainI18n } from '../../../src-main/adapters/i18n';
import { createMenuController } from '../../../src-main/adapters/menu';

const callbacks = { onAbout: vi.fn(), onOpenLogsFolder: vi.fn() };

function labels(template: MenuTemplateItem[]): string[] {
  return template.flatMap((item) => [
    ...(item.label ? [item.label] : []),
    ...(item.submenu ? labels(item.submenu) : []),
  ]);
}

function templateFor(language: string, platform = 'win32'): MenuTemplateItem[] {
  const t = createMainI18n().getFixedT(language, 'menu');
  return buildMenuTemplate((key: MenuKey) => t(key), platform, callbacks, { showDevTools: true });
}

describe('menu template', () => {
  it.each(SUPPORTED_LANGUAGES)('is fully translated in %s (no label is a raw key)', (language) => {
    const all = labels(templateFor(language));
    expect(all.length).toBeGreaterThan(15);
    for (const label of all) {
      expect(MENU_KEYS as readonly string[]).not.toContain(label);
      expect(label.trim()).not.toBe('');
    }
  });

  it('differs between languages', () => {
    const titles = SUPPORTED_LANGUAGES.map((lang) =>
      templateFor(lang)
        .map((item) => item.label)
        .join('|'),
    );
    expect(new Set(titles).size).toBe(SUPPORTED_LANGUAGES.length);
    expect(templateFor('ko')[0]?.label).toBe('파일');
    expect(templateFor('vi')[0]?.label).toBe('Tệp');
  });

  it('defines every key in every locales/<lang>/menu.json', () => {
    for (const language of SUPPORTED_LANGUAGES) {
      const file = path.resolve('locales', language, 'menu.json');
      const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
      for (const key of MENU_KEYS) {
        const [group = '', name = ''] = key.split('.');
        expect(typeof data[group]?.[name], `${language}:${key}`).toBe('string');
      }
    }
  });

  it('follows platform conventions', () => {
    const mac = templateFor('en', 'darwin');
    expect(mac[0]?.label).toBe('Bridgehead');
    expect(mac[0]?.submenu?.some((i) => i.role === 'quit')).toBe(true);
    const win = templateFor('en', 'win32');
    expect(win[0]?.submenu).toEqual([{ role: 'quit', label: 'Quit Bridgehead' }]);
    const help = win.at(-1)?.submenu?.find((i) => i.label === 'About Bridgehead');
    help?.click?.();
    expect(callbacks.onAbout).toHaveBeenCalled();
  });

  it('hides developer tools unless asked', () => {
    const t = createMainI18n().getFixedT('en', 'menu');
    const prod = buildMenuTemplate((k: MenuKey) => t(k), 'linux', callbacks);
    expect(JSON.stringify(prod)).not.toContain('toggleDevTools');
    expect(JSON.stringify(templateFor('en'))).toContain('toggleDevTools');
  });
});

describe('menu controller', () => {
  beforeEach(() => resetElectronMock());

  it('sets the application menu and rebuilds it on language change', () => {
    const controller = createMenuController({
      Menu,
      i18n: createMainI18n('en'),
      platform: 'linux',
      callbacks,
      showDevTools: false,
    });
    controller.setLanguage('en');
    expect((Menu.current?.template[0] as MenuTemplateItem).label).toBe('File');
    controller.setLanguage('ja');
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(2);
    expect((Menu.current?.template[0] as MenuTemplateItem).label).toBe('ファイル');
  });
});
