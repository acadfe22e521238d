/** Secure window: webPreferences, navigation and new-window guards, external links, session hardening. */
import {
  APP_CSP,
  buildWindowOptions,
  createMainWindow,
  guardNavigation,
  hardenSession,
  isExternalUrl,
} from '../../electron/main/window';
import { FakeBrowserWindow, FakeWebContents, fakeShell, navEvent } from '../helpers/fake-electron';

const APP = 'file:///opt/vigie/renderer/dist/';

describe('secure BrowserWindow', () => {
  test('webPreferences: context isolation, sandbox, no Node integration, web security, no webview', () => {
    const o = buildWindowOptions('/app/preload.js');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  test('createMainWindow uses those options, loads the renderer and shows when ready', () => {
    const shell = fakeShell();
    const win = createMainWindow(
      { BrowserWindow: FakeBrowserWindow as never, shell },
      { preloadPath: '/p.js', indexHtml: '/opt/vigie/renderer/dist/index.html', appUrlPrefix: APP },
    ) as unknown as FakeBrowserWindow;
    expect((win.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    expect(win.loaded).toBe('/opt/vigie/renderer/dist/index.html');
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
    expect(win.webContents.windowOpenHandler).not.toBeNull();
  });

  test('navigation away from the app is prevented; http(s) links open in the system browser', () => {
    const wc = new FakeWebContents();
    const shell = fakeShell();
    guardNavigation(wc as never, shell, APP);
    const inApp = navEvent();
    wc.emit('will-navigate', inApp, `${APP}index.html#/stories`);
    expect(inApp.prevented).toBe(false);
    const ext = navEvent();
    wc.emit('will-navigate', ext, 'https://www.lemonde.fr/article');
    expect(ext.prevented).toBe(true);
    const file = navEvent();
    wc.emit('will-navigate', file, 'file:///etc/passwd');
    expect(file.prevented).toBe(true);
    expect(shell.opened).toEqual(['https://www.lemonde.fr/article']);
    const redirect = navEvent();
    wc.emit('will-redirect', redirect, 'https://evil.example/');
    expect(redirect.prevented).toBe(true);
    const webview = navEvent();
    wc.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });

  test('new windows are always denied; only http(s) URLs reach openExternal', () => {
    const wc = new FakeWebContents();
    const shell = fakeShell();
    guardNavigation(wc as never, shell, APP);
    for (const url of [
      'https://example.org/a',
      'http://example.org/b',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://host/share',
      'vigie://x',
    ]) {
      expect(wc.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.opened).toEqual(['https://example.org/a', 'http://example.org/b']);
    expect(isExternalUrl('not a url')).toBe(false);
  });

  test('session: CSP header on responses, permission requests refused except notifications', () => {
    let onHeaders:
      | ((
          d: { responseHeaders?: Record<string, string[]> },
          cb: (r: { responseHeaders: Record<string, string[]> }) => void,
        ) => void)
      | null = null;
    let onPermission: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let onCheck: ((wc: unknown, p: string) => boolean) | null = null;
    const session = {
      webRequest: {
        onHeadersReceived: (h: typeof onHeaders) => {
          onHeaders = h;
        },
      },
      setPermissionRequestHandler: (h: typeof onPermission) => {
        onPermission = h;
      },
      setPermissionCheckHandler: (h: typeof onCheck) => {
        onCheck = h;
      },
    };
    hardenSession(session as never);
    let headers: Record<string, string[]> = {};
    onHeaders!({ responseHeaders: { 'X-Test': ['1'] } }, (r) => {
      headers = r.responseHeaders;
    });
    expect(headers['Content-Security-Policy']).toEqual([APP_CSP]);
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toMatch(/script-src[^;]*unsafe/);
    const answers: Record<string, boolean> = {};
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal'])
      onPermission!(null, p, (ok) => {
        answers[p] = ok;
      });
    expect(answers).toEqual({ media: false, geolocation: false, notifications: true, openExternal: false });
    expect(onCheck!(null, 'clipboard-read')).toBe(false);
  });
});
