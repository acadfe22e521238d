/** Locations of the shared labelled datasets (never shipped; read at test time). */
import fs from 'node:fs';
import path from 'node:path';

/** Root of ../shared/datasets relative to the repository. */
export const DATASETS = path.resolve(__dirname, '../../../shared/datasets');

/** Absolute path of a file or folder inside the datasets root. */
export function datasetPath(...parts: string[]): string {
  return path.join(DATASETS, ...parts);
}

/** True when the datasets folder is present (it is in CI and on developer machines). */
export function haveDatasets(): boolean {
  return fs.existsSync(DATASETS);
}
