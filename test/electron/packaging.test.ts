/** Packaging inputs: the electron-builder config validates, icons exist, the preload bundles to a sandbox-safe single file. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

describe('packaging', () => {
  test('electron-builder.yml passes electron-builder’s own schema and targets the three platforms', async () => {
    const yaml = require('js-yaml') as { load(s: string): Record<string, unknown> };
    interface Cfg {
      linux: { target: string[] };
      win: { target: Array<{ target: string }> };
      mac: { target: Array<{ target: string }> };
      npmRebuild: boolean;
      files: string[];
      asarUnpack: string[];
    }
    const cfg = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as unknown as Cfg;
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(cfg, new DebugLogger(false))).resolves.toBeUndefined();
    expect(cfg.linux.target).toEqual(['AppImage', 'deb']);
    expect(cfg.win.target[0]!.target).toBe('nsis');
    expect(cfg.mac.target[0]!.target).toBe('dmg');
    expect(cfg.npmRebuild).toBe(true);
    expect(cfg.files).toEqual(expect.arrayContaining(['dist/**/*', 'renderer/dist/**/*']));
    expect(cfg.asarUnpack.join(' ')).toContain('better-sqlite3');
  });

  test('icons exist at the sizes the installers need', () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = fs.readFileSync(path.join(ROOT, 'assets', 'icons', `${size}x${size}.png`));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(size); // IHDR width
    }
    expect(fs.readFileSync(path.join(ROOT, 'assets', 'icon.png')).readUInt32BE(16)).toBeGreaterThanOrEqual(512);
  });

  test('the preload bundles into one file that requires nothing but electron (sandboxed preloads cannot)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-preload-'));
    const out = path.join(dir, 'preload.js');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle-preload.js'), out], { stdio: 'pipe' });
    const code = fs.readFileSync(out, 'utf8');
    const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld');
    expect(code).toContain('items:setTriage'); // the allow-list is inlined
    expect(code).not.toContain('zod');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
