/** Locates the brief's assets (stylesheet, DejaVu fonts) from a checkout, a build or a packaged app. */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

/** System copies of the fonts (Debian fonts-dejavu-core), used when assets/fonts is missing. */
const SYSTEM_FONTS = '/usr/share/fonts/truetype/dejavu';

function candidates(rel: string): string[] {
  const out: string[] = [];
  if (process.env.VIGIE_ASSETS) out.push(path.join(process.env.VIGIE_ASSETS, rel));
  // electron/engine/brief (tsx, jest) and dist/electron/engine/brief (built); resourcesPath when packaged.
  for (const up of ['../../..', '../../../..']) out.push(path.resolve(__dirname, up, 'assets', rel));
  const resources = (process as unknown as { resourcesPath?: string }).resourcesPath;
  if (resources) out.push(path.join(resources, 'assets', rel));
  return out;
}

/** Absolute path of an asset, or null. */
export function findAsset(rel: string): string | null {
  return candidates(rel).find((p) => fs.existsSync(p)) ?? null;
}

/** The DejaVu Sans regular and bold files; a clear `brief.render` error when neither copy exists. */
export function fontFiles(): { regular: string; bold: string } {
  const pick = (file: string): string => {
    const p =
      findAsset(path.join('fonts', file)) ??
      (fs.existsSync(path.join(SYSTEM_FONTS, file)) ? path.join(SYSTEM_FONTS, file) : null);
    if (!p)
      throw new AppError(
        'brief.render',
        `font ${file} not found in assets/fonts nor ${SYSTEM_FONTS} (install fonts-dejavu-core)`,
        { file },
      );
    return p;
  };
  return { regular: pick('DejaVuSans.ttf'), bold: pick('DejaVuSans-Bold.ttf') };
}

let cssCache: string | null = null;

/** The brief stylesheet (assets/brief.css), inlined into the HTML. */
export function briefCss(): string {
  if (cssCache != null) return cssCache;
  const p = findAsset('brief.css');
  if (!p) throw new AppError('brief.render', 'assets/brief.css not found', {});
  return (cssCache = fs.readFileSync(p, 'utf8'));
}
