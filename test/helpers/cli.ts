/** Runs the real `vigie` CLI (tsx on electron/cli/vigie.ts) the way the contract's users do. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '../..');
/** The tsx launcher installed by npm. */
export const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
/** The CLI entry point. */
export const VIGIE = path.join(ROOT, 'electron/cli/vigie.ts');

/** Output of one CLI run. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `vigie ARGS` to completion (natural kept quiet on stdout); extra env entries are merged in. */
export function runVigieSync(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(TSX, [VIGIE, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
