/** Desktop alerts: shows the engine's `alerts:notice` events as system notifications (Electron Notification). */
import type { Notification as ElectronNotification, NotificationConstructorOptions } from 'electron';
import type { DesktopNotice } from '../../shared/types/alerts';

/** The Notification class (injected so tests can use a fake). */
export interface NotificationApi {
  new (options: NotificationConstructorOptions): ElectronNotification;
  isSupported(): boolean;
}

/** Notification options of a notice: flash alerts are critical and stay until dismissed. */
export function noticeOptions(notice: DesktopNotice): NotificationConstructorOptions {
  const prefix = notice.severity === 'flash' ? 'FLASH — ' : notice.severity === 'urgent' ? 'URGENT — ' : '';
  return {
    title: `${prefix}${notice.title}`.slice(0, 200),
    body: notice.body.slice(0, 500),
    urgency: notice.severity === 'flash' ? 'critical' : notice.severity === 'urgent' ? 'normal' : 'low',
    timeoutType: notice.severity === 'flash' ? 'never' : 'default',
    silent: notice.severity === 'info',
  };
}

/**
 * Shows a notice; `acknowledge` is called once it is shown (the delivery is then done) and
 * `onClick` when the analyst clicks it (main focuses the window on the alert). Returns false
 * when the platform has no notifications (the delivery stays pending for the in-app inbox).
 */
export function showNotice(
  Notification: NotificationApi,
  notice: DesktopNotice,
  handlers: { acknowledge: () => void; onClick: () => void },
): boolean {
  if (!Notification.isSupported()) return false;
  const n = new Notification(noticeOptions(notice));
  n.on('show', handlers.acknowledge);
  n.on('click', handlers.onClick);
  n.show();
  return true;
}
