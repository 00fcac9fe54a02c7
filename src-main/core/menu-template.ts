/**
 * The application menu as data. Structurally compatible with Electron's
 * MenuItemConstructorOptions, declared here so this module stays free of
 * `electron` and can be tested in plain Node.
 */
export interface MenuTemplateItem {
  label?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuTemplateItem[];
}

export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'appMenu'
  | 'fileMenu'
  | 'editMenu'
  | 'viewMenu'
  | 'windowMenu'
  | 'help';

/** Translates a key of the `menu` namespace. */
export type MenuTranslate = (key: MenuKey) => string;

export interface MenuCallbacks {
  onAbout: () => void;
  onOpenLogsFolder: () => void;
}

export interface MenuOptions {
  /** Developer tools are offered only in development builds. */
  showDevTools: boolean;
}

/** Every key the template uses; each locales/<lang>/menu.json must define them all. */
export const MENU_KEYS = [
  'app.about',
  'app.services',
  'app.hide',
  'app.hideOthers',
  'app.showAll',
  'app.quit',
  'file.title',
  'file.closeWindow',
  'edit.title',
  'edit.undo',
  'edit.redo',
  'edit.cut',
  'edit.copy',
  'edit.paste',
  'edit.selectAll',
  'view.title',
  'view.reload',
  'view.forceReload',
  'view.toggleDevTools',
  'view.actualSize',
  'view.zoomIn',
  'view.zoomOut',
  'view.toggleFullScreen',
  'window.title',
  'window.minimize',
  'window.zoom',
  'window.bringAllToFront',
  'help.title',
  'help.about',
  'help.openLogsFolder',
] as const;

export type MenuKey = (typeof MENU_KEYS)[number];

export const PRODUCT_NAME = 'Bridgehead';

const separator: MenuTemplateItem = { type: 'separator' };

/**
 * Builds the localized menu. Standard items keep their Electron role (so the
 * OS shortcuts and behaviour stay native) with a translated label.
 */
export function buildMenuTemplate(
  t: MenuTranslate,
  platform: string,
  callbacks: MenuCallbacks,
  options: MenuOptions = { showDevTools: false },
): MenuTemplateItem[] {
  const isMac = platform === 'darwin';
  const template: MenuTemplateItem[] = [];

  if (isMac) {
    template.push({
      label: PRODUCT_NAME,
      submenu: [
        { role: 'about', label: t('app.about') },
        separator,
        { role: 'services', label: t('app.services') },
        separator,
        { role: 'hide', label: t('app.hide') },
        { role: 'hideOthers', label: t('app.hideOthers') },
        { role: 'unhide', label: t('app.showAll') },
        separator,
        { role: 'quit', label: t('app.quit') },
      ],
    });
  }

  template.push({
    label: t('file.title'),
    submenu: isMac
      ? [{ role: 'close', label: t('file.closeWindow') }]
      : [{ role: 'quit', label: t('app.quit') }],
  });

  template.push({
    label: t('edit.title'),
    submenu: [
      { role: 'undo', label: t('edit.undo') },
      { role: 'redo', label: t('edit.redo') },
      separator,
      { role: 'cut', label: t('edit.cut') },
      { role: 'copy', label: t('edit.copy') },
      { role: 'paste', label: t('edit.paste') },
      { role: 'selectAll', label: t('edit.selectAll') },
    ],
  });

  const viewItems: MenuTemplateItem[] = [
    { role: 'reload', label: t('view.reload') },
    { role: 'forceReload', label: t('view.forceReload') },
  ];
  if (options.showDevTools)
    viewItems.push({ role: 'toggleDevTools', label: t('view.toggleDevTools') });
  viewItems.push(
    separator,
    { role: 'resetZoom', label: t('view.actualSize') },
    { role: 'zoomIn', label: t('view.zoomIn') },
    { role: 'zoomOut', label: t('view.zoomOut') },
    separator,
    { role: 'togglefullscreen', label: t('view.toggleFullScreen') },
  );
  template.push({ label: t('view.title'), submenu: viewItems });

  template.push({
    label: t('window.title'),
    submenu: isMac
      ? [
          { role: 'minimize', label: t('window.minimize') },
          { role: 'zoom', label: t('window.zoom') },
          separator,
          { role: 'front', label: t('window.bringAllToFront') },
        ]
      : [
          { role: 'minimize', label: t('window.minimize') },
          { role: 'close', label: t('file.closeWindow') },
        ],
  });

  const helpItems: MenuTemplateItem[] = [
    { label: t('help.openLogsFolder'), click: callbacks.onOpenLogsFolder },
  ];
  // macOS has About in the app menu; elsewhere it lives under Help.
  if (!isMac) helpItems.push(separator, { label: t('help.about'), click: callbacks.onAbout });
  template.push({ label: t('help.title'), role: 'help', submenu: helpItems });

  return template;
}
