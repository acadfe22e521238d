/** Where Vigie keeps its data on each platform (same place as Electron's userData). */
import os from 'node:os';
import path from 'node:path';

/** The per-user application data directory (VIGIE_HOME overrides). */
export function defaultDataDir(): string {
  if (process.env.VIGIE_HOME) return process.env.VIGIE_HOME;
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Vigie');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Vigie');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Vigie');
}

/** The default database file inside the data directory. */
export function defaultDatabasePath(): string {
  return path.join(defaultDataDir(), 'vigie.db');
}
