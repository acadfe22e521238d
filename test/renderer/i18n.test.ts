// Every UI string exists in French and English, and every key the code uses exists in French.
import fs from 'node:fs';
import path from 'node:path';
import fr from '../../renderer/i18n/fr.json';
import en from '../../renderer/i18n/en.json';
import { KEY_BINDINGS } from '../../renderer/app/keymap';

function flatten(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? flatten(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
const strip = (k: string) => k.replace(/_(one|other|zero|few|many)$/, '');

describe('i18n resources', () => {
  const frKeys = new Set(flatten(fr));
  it('French and English have the same keys', () => {
    expect(flatten(en).sort()).toEqual([...frKeys].sort());
  });
  it('every literal t("…") key used in the renderer exists in French', () => {
    const base = new Set([...frKeys].map(strip));
    const root = path.resolve(__dirname, '../../renderer');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.name === 'dist') continue;
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) files.push(p);
      }
    };
    walk(root);
    const used = new Set<string>();
    for (const f of files)
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z0-9_.-]+)'/g)) used.add(m[1]);
    for (const b of KEY_BINDINGS) used.add(b.label);
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((k) => !base.has(k))).toEqual([]);
  });
  it('every reason signal the engine emits has a label (shown as signal.<name>)', () => {
    const root = path.resolve(__dirname, '../../electron/engine');
    const signals = new Set<string>();
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts'))
          for (const m of fs
            .readFileSync(p, 'utf8')
            .matchAll(/\bsignal: '([a-z-]+)'|\b(?:PENDING|FLAGGED) = '([a-z-]+)'|\breason\('([a-z-]+)'/g))
            signals.add((m[1] ?? m[2] ?? m[3])!);
      }
    };
    walk(root);
    expect(signals.size).toBeGreaterThan(30);
    expect([...signals].filter((s) => !frKeys.has(`signal.${s}`))).toEqual([]);
  });
});
