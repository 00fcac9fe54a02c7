import {
  BankOutlined,
  CarOutlined,
  DashboardOutlined,
  AuditOutlined,
  SafetyCertificateOutlined,
  DollarOutlined,
  FlagOutlined,
  KeyOutlined,
  LaptopOutlined,
  CloudSyncOutlined,
  MessageOutlined,
  SettingOutlined,
  TeamOutlined,
  TranslationOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';

/** The screens in navigation order. `id` is the route, the test id suffix and the locale key. */
export const SCREENS = [
  { id: 'buyers', icon: TeamOutlined },
  { id: 'talks', icon: MessageOutlined },
  { id: 'missions', icon: FlagOutlined },
  { id: 'interpreters', icon: TranslationOutlined },
  { id: 'vehicles', icon: CarOutlined },
  { id: 'sync', icon: CloudSyncOutlined },
  { id: 'settings', icon: SettingOutlined },
] as const satisfies readonly { id: string; icon: ComponentType }[];

export type ScreenId = (typeof SCREENS)[number]['id'];
export type PlannedScreenId = Exclude<ScreenId, 'settings'>;

export const DEFAULT_SCREEN: ScreenId = 'buyers';

/** HQ mode screens: in the navigation only on a laptop enrolled with an HQ code. */
export const HQ_SCREENS = [
  { id: 'hq-dashboard', icon: DashboardOutlined },
  { id: 'hq-offices', icon: BankOutlined },
  { id: 'hq-devices', icon: LaptopOutlined },
  { id: 'hq-codes', icon: KeyOutlined },
  { id: 'hq-rates', icon: DollarOutlined },
  { id: 'hq-access', icon: AuditOutlined },
  { id: 'hq-subjects', icon: SafetyCertificateOutlined },
] as const satisfies readonly { id: string; icon: ComponentType }[];

export type HqScreenId = (typeof HQ_SCREENS)[number]['id'];

/** The navigation: the HQ screens come before sync and settings on an HQ laptop. */
export function navScreens(
  isHqDevice: boolean,
): readonly { id: ScreenId | HqScreenId; icon: ComponentType }[] {
  if (!isHqDevice) return SCREENS;
  const at = SCREENS.findIndex((s) => s.id === 'sync');
  return [...SCREENS.slice(0, at), ...HQ_SCREENS, ...SCREENS.slice(at)];
}

/**
 * The navigation item a path belongs to: its first segment; on an HQ laptop a contact's
 * personal-data page belongs to HQ's Personal data (it opens from there; it highlighted
 * "Buyers").
 */
export function navKeyOf(pathname: string, isHqDevice: boolean): string {
  if (isHqDevice && /^\/buyers\/[^/]+\/contacts\/[^/]+\/personal-data\/?$/.test(pathname)) {
    return 'hq-subjects';
  }
  return pathname.split('/')[1] ?? '';
}
