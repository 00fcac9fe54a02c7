import type { Notification as NotificationType } from 'electron';
import type { IpcInput, IpcResult } from '../ipc/contract';

export interface NotifierDeps {
  Notification: Pick<typeof NotificationType, 'isSupported'> &
    (new (options: {
      title: string;
      body: string;
    }) => Pick<NotificationType, 'show' | 'on' | 'close'>);
  /** Brings the app window to the front when a notification is clicked. */
  focusApp: () => void;
}

export type Notifier = (input: IpcInput<'notification:show'>) => IpcResult<'notification:show'>;

/**
 * Native OS notifications (booking reminders). Local only: they need no
 * network. Shown notifications are kept referenced until closed, otherwise
 * garbage collection drops their click handler.
 */
export function createNotifier(deps: NotifierDeps): Notifier {
  const live = new Set<Pick<NotificationType, 'show' | 'on' | 'close'>>();
  return ({ title, body }) => {
    if (!deps.Notification.isSupported()) return { shown: false };
    const notification = new deps.Notification({ title, body });
    live.add(notification);
    notification.on('click', () => {
      live.delete(notification);
      deps.focusApp();
    });
    notification.on('close', () => live.delete(notification));
    notification.show();
    return { shown: true };
  };
}
