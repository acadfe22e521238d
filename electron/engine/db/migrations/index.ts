/** The ordered list of migrations. Append only; each area owns its own numbered file. */
import type { Migration } from '../migrations';
import { m001Core } from './001-core';
import { m002Analysis } from './002-analysis';
import { m003Analyst } from './003-analyst';
import { m004Alerts } from './004-alerts';
import { m005Briefs } from './005-briefs';
import { m006ItemScoreIndexes } from './006-item-score-indexes';
import { m007PendingClaims } from './007-pending-claims';
import { m008StoryPins } from './008-story-pins';
import { m009Places } from './009-places';
import { m010Topics } from './010-topics';

/** All migrations, in version order. */
export const MIGRATIONS: Migration[] = [
  m001Core,
  m002Analysis,
  m003Analyst,
  m004Alerts,
  m005Briefs,
  m006ItemScoreIndexes,
  m007PendingClaims,
  m008StoryPins,
  m009Places,
  m010Topics,
];
