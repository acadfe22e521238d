/**
 * Electron main process: a thin shell. Single instance, hardened session, the secure window, the
 * engine in a worker thread (restarted with backoff), typed IPC, desktop notifications. The
 * database lives in userData (same place as the CLI's default); the first start loads the demo.
 */
import path from 'node:path';
import { app, BrowserWindow, ipcMain, Notification, safeStorage, session, shell } from 'electron';
import { pathToFileURL } from 'node:url';
import type { DesktopNotice } from '../../shared/types/alerts';
import { EngineHost, createEngineWorker } from './engine-host';
import { createSenderCheck, forwardEvents, registerIpc } from './ipc';
import { showNotice } from './notifier';
import { createMainWindow, hardenSession } from './window';
import { loadDataKey } from './secret-key';

// dist/electron/main/index.js → the repository (or app.asar) root.
const ROOT = path.resolve(__dirname, '../../..');
const RENDERER_DIR = path.join(ROOT, 'renderer', 'dist');
const INDEX_HTML = path.join(RENDERER_DIR, 'index.html');
const APP_URL_PREFIX = pathToFileURL(RENDERER_DIR + path.sep).href;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  // Read once main is ready (safeStorage needs it); the worker gets the key in its workerData.
  let secretKey: string | null = null;
  const host = new EngineHost({
    createWorker: () =>
      createEngineWorker(path.join(__dirname, '..', 'engine', 'worker.js'), {
        dbPath: path.join(app.getPath('userData'), 'vigie.db'),
        version: app.getVersion(),
        demoIfEmpty: true,
        background: true,
        secretKey,
      }),
  });

  const windows = () => (win && !win.isDestroyed() ? [win.webContents] : []);
  const openWindow = () => {
    win = createMainWindow(
      { BrowserWindow, shell },
      {
        preloadPath: path.join(__dirname, '..', 'preload', 'index.js'),
        indexHtml: INDEX_HTML,
        appUrlPrefix: APP_URL_PREFIX,
        iconPath: path.join(ROOT, 'assets', 'icon.png'),
      },
    );
    win.on('closed', () => {
      win = null;
    });
  };

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  // Every web contents, even one created by mistake, gets the same guards.
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (ev) => ev.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    app.setAppUserModelId('fr.vigie.app');
    hardenSession(session.defaultSession);
    secretKey = loadDataKey(safeStorage, path.join(app.getPath('userData'), 'secret-key.bin'), (m) =>
      process.stderr.write(`vigie: ${m}\n`),
    );
    host.start();
    registerIpc(ipcMain, host, createSenderCheck(windows, APP_URL_PREFIX));
    forwardEvents(host, windows);
    host.on('alerts:notice', (notice: DesktopNotice) => {
      const shown = showNotice(Notification, notice, {
        acknowledge: () => void host.call('alerts:ackDesktop', { outboxId: notice.outboxId }),
        onClick: () => {
          if (!win) openWindow();
          win?.show();
          win?.focus();
        },
      });
      if (!shown) process.stderr.write('vigie: desktop notifications unsupported; alert left in the inbox\n');
    });
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    // Let the worker close SQLite cleanly (WAL checkpoint) before exiting.
    event.preventDefault();
    quitting = true;
    void host.stop().finally(() => app.quit());
  });
}
