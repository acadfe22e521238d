/** The ordered list of migrations. Append only; each area owns its own numbered file. */
import type { Migration } from '../migrations';
import { m001Core } from './001-core';

/** All migrations, in version order. */
export const MIGRATIONS: Migration[] = [m001Core];
