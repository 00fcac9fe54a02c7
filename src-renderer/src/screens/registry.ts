import {
  CarOutlined,
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
  { id: 'interpreters', icon: TranslationOutlined },
  { id: 'vehicles', icon: CarOutlined },
  { id: 'sync', icon: CloudSyncOutlined },
  { id: 'settings', icon: SettingOutlined },
] as const satisfies readonly { id: string; icon: ComponentType }[];

export type ScreenId = (typeof SCREENS)[number]['id'];
export type PlannedScreenId = Exclude<ScreenId, 'settings'>;

export const DEFAULT_SCREEN: ScreenId = 'buyers';
