/** Desktop notifications through a fake Electron Notification. */
import { EventEmitter } from 'node:events';
import { noticeOptions, showNotice } from '../../electron/main/notifier';
import type { DesktopNotice } from '../../shared/types/alerts';

const notice: DesktopNotice = {
  outboxId: 4,
  tag: 'k1',
  severity: 'flash',
  title: 'Faux arrêté d’évacuation de Kervoal',
  body: 'Infox 82 — Mastodon',
  link: null,
  alertId: 2,
};

class FakeNotification extends EventEmitter {
  static supported = true;
  static shown: FakeNotification[] = [];
  static isSupported() {
    return FakeNotification.supported;
  }
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  show() {
    FakeNotification.shown.push(this);
    this.emit('show');
  }
}

describe('notifier', () => {
  test('flash alerts are critical and persistent; info is silent', () => {
    expect(noticeOptions(notice)).toMatchObject({
      title: 'FLASH — Faux arrêté d’évacuation de Kervoal',
      urgency: 'critical',
      timeoutType: 'never',
    });
    expect(noticeOptions({ ...notice, severity: 'info' })).toMatchObject({ silent: true, urgency: 'low' });
  });

  test('shows, acknowledges once shown, and reports clicks', () => {
    const acks: number[] = [];
    let clicked = 0;
    expect(
      showNotice(FakeNotification as never, notice, {
        acknowledge: () => acks.push(notice.outboxId),
        onClick: () => clicked++,
      }),
    ).toBe(true);
    expect(acks).toEqual([4]);
    FakeNotification.shown[0]!.emit('click');
    expect(clicked).toBe(1);
  });

  test('without notification support nothing is acknowledged (the alert stays in the inbox)', () => {
    FakeNotification.supported = false;
    const acks: number[] = [];
    expect(
      showNotice(FakeNotification as never, notice, { acknowledge: () => acks.push(1), onClick: () => undefined }),
    ).toBe(false);
    expect(acks).toEqual([]);
  });
});
