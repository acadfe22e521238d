/**
 * The secure main window (Electron security checklist): context isolation, sandbox, no Node in
 * the renderer, CSP `script-src 'self'`, navigation and new windows denied, external links opened
 * in the system browser (http/https only), permission requests refused.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Session, Shell, WebContents } from 'electron';

/** CSP sent as a response header for the app's pages (same policy as renderer/index.html's meta tag). */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
  "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Window options: the security-relevant webPreferences are fixed here and unit-tested. */
export function buildWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Vigie',
    show: false,
    backgroundColor: '#ffffff',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: true,
      navigateOnDragDrop: false,
    },
  };
}

/** True for URLs the system browser may open (http and https only: no file:, javascript:, custom schemes). */
export function isExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Opens a URL in the system browser when it is http(s); returns whether it did. */
export function openExternalSafely(shell: Pick<Shell, 'openExternal'>, url: string): boolean {
  if (!isExternalUrl(url)) return false;
  void shell.openExternal(url);
  return true;
}

/** Navigation and window guards on a web contents: the app never leaves its own pages. */
export function guardNavigation(contents: WebContents, shell: Pick<Shell, 'openExternal'>, appUrlPrefix: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url.startsWith(appUrlPrefix)) return; // in-app reloads
    event.preventDefault();
    openExternalSafely(shell, url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(appUrlPrefix)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(shell, url);
    return { action: 'deny' };
  });
}

/** Session hardening: CSP header on every response, every permission request refused except notifications. */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [APP_CSP] } });
  });
  session.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'notifications'));
  session.setPermissionCheckHandler((_wc, permission) => permission === 'notifications');
}

/** Constructor of BrowserWindow (injected so tests can use a fake). */
export type BrowserWindowCtor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Creates the main window, applies the guards and loads the renderer. */
export function createMainWindow(
  deps: { BrowserWindow: BrowserWindowCtor; shell: Pick<Shell, 'openExternal'> },
  opts: { preloadPath: string; indexHtml: string; appUrlPrefix: string; iconPath?: string },
): BrowserWindow {
  const win = new deps.BrowserWindow(buildWindowOptions(opts.preloadPath, opts.iconPath));
  guardNavigation(win.webContents, deps.shell, opts.appUrlPrefix);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(opts.indexHtml);
  return win;
}
