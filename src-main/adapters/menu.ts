import type { MenuItemConstructorOptions } from 'electron';
import type { i18n as I18n } from 'i18next';
import type { Language } from '@shared/i18n/languages';
import { buildMenuTemplate } from '../core/menu-template';
import type { MenuCallbacks, MenuKey } from '../core/menu-template';

/** The two static methods of Electron's Menu this adapter uses. */
export interface MenuFactory<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M;
  setApplicationMenu(menu: M | null): void;
}

export interface MenuControllerOptions<M = unknown> {
  Menu: MenuFactory<M>;
  i18n: I18n;
  platform: string;
  callbacks: MenuCallbacks;
  showDevTools: boolean;
}

export interface MenuController {
  setLanguage(language: Language): void;
}

/** Installs the native menu and rebuilds it whenever the UI language changes. */
export function createMenuController<M>(options: MenuControllerOptions<M>): MenuController {
  const apply = (language: Language) => {
    const t = options.i18n.getFixedT(language, 'menu');
    const template = buildMenuTemplate(
      (key: MenuKey) => t(key),
      options.platform,
      options.callbacks,
      {
        showDevTools: options.showDevTools,
      },
    );
    // Our template type is a structural subset of Electron's.
    options.Menu.setApplicationMenu(
      options.Menu.buildFromTemplate(template as MenuItemConstructorOptions[]),
    );
  };
  return { setLanguage: apply };
}
