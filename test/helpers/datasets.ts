/**
 * Locations of the shared labelled datasets (never shipped; read at test time), and the gates for
 * suites that need them: on a fresh clone with no ../shared beside it those suites skip (the
 * summary reporter prints one line saying so); under CI (`CI` set) a missing folder fails them.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Root of ../shared/datasets relative to the repository (VIGIE_DATASETS overrides it: a test of the no-data run). */
export const DATASETS = process.env.VIGIE_DATASETS || path.resolve(__dirname, '../../../shared/datasets');

/** Title prefix of suites skipped for want of the datasets: the summary reporter counts them by it. */
export const NEEDS_DATASETS = '[needs ../shared/datasets]';

/** Absolute path of a file or folder inside the datasets root. */
export function datasetPath(...parts: string[]): string {
  return path.join(DATASETS, ...parts);
}

/** True when the datasets folder is present (it is in CI and on developer machines). */
export function haveDatasets(): boolean {
  return fs.existsSync(DATASETS);
}

/** Throws under CI when the datasets are missing: a CI run that skipped them would test nothing. */
function requireUnderCi(name: string): void {
  if (process.env.CI && !haveDatasets())
    throw new Error(`CI: ${DATASETS} is missing, needed by « ${name} » (copy shared/ beside the repository)`);
}

/** `describe` for a block that reads the datasets: skipped (with the marker) when they are absent, an error under CI. */
export function describeWithDatasets(name: string, fn: () => void): void {
  requireUnderCi(name);
  if (haveDatasets()) describe(name, fn);
  else describe.skip(`${NEEDS_DATASETS} ${name}`, fn);
}

/** `test` for one case that reads the datasets (same rules as describeWithDatasets). */
export function testWithDatasets(name: string, fn: () => unknown, timeout?: number): void {
  requireUnderCi(name);
  if (haveDatasets()) test(name, fn as jest.ProvidesCallback, timeout);
  else test.skip(`${NEEDS_DATASETS} ${name}`, fn as jest.ProvidesCallback, timeout);
}
