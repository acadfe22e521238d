/** Topics (migration 010): umbrella subjects over stories. All their SQL is here. */
import type { Db } from './open';
import { stmt } from './analysis-store';
import { parseJsonColumn } from './json-column';

/** A topic as the analysis writes it. */
export interface TopicRecord {
  /** Keep this id (a rebuild or re-clustering continuing a topic); null for a new topic. */
  id: number | null;
  title: string;
  keyTerms: string[];
  storyIds: number[];
}

/** A topic with its stories, as the API reads it. */
export interface TopicRow {
  id: number;
  title: string;
  keyTerms: string[];
  firstSeen: string;
  lastSeen: string;
  storyCount: number;
  itemCount: number;
  stories: Array<{ id: number; title: string; itemCount: number; sourceCount: number; lastSeen: string }>;
}

/**
 * Writes a topic and points its stories at it; its title (when empty: its largest story's), dates
 * and counts come from all its stories. Returns the topic id; a kept id that no longer exists is
 * created again with that id.
 */
export function saveTopic(db: Db, t: TopicRecord, now: string): number {
  let id = t.id;
  if (id == null || !stmt(db, 'SELECT 1 FROM topics WHERE id = ?').get(id))
    id = Number(
      stmt(db, 'INSERT INTO topics (id, title, first_seen, last_seen, updated_at) VALUES (?,?,?,?,?)').run(
        id,
        t.title,
        now,
        now,
        now,
      ).lastInsertRowid,
    );
  stmt(db, 'UPDATE stories SET topic_id = ? WHERE id IN (SELECT value FROM json_each(?))').run(
    id,
    JSON.stringify(t.storyIds),
  );
  stmt(
    db,
    `UPDATE topics SET
       title = CASE WHEN ? <> '' THEN ? ELSE COALESCE((SELECT title FROM stories WHERE topic_id = topics.id ORDER BY item_count DESC, id LIMIT 1), '') END,
       key_terms = ?,
       first_seen = COALESCE((SELECT MIN(first_seen) FROM stories WHERE topic_id = topics.id), first_seen),
       last_seen = COALESCE((SELECT MAX(last_seen) FROM stories WHERE topic_id = topics.id), last_seen),
       story_count = (SELECT COUNT(*) FROM stories WHERE topic_id = topics.id),
       item_count = (SELECT COALESCE(SUM(item_count), 0) FROM stories WHERE topic_id = topics.id),
       updated_at = ?
     WHERE id = ?`,
  ).run(t.title, t.title, JSON.stringify(t.keyTerms), now, id);
  return id;
}

/** Takes stories out of their topic (before their window's topics are written again). */
export function clearStoryTopics(db: Db, storyIds: readonly number[]): void {
  stmt(db, 'UPDATE stories SET topic_id = NULL WHERE id IN (SELECT value FROM json_each(?))').run(
    JSON.stringify(storyIds),
  );
}

/** Deletes topics left with no story, and refreshes the counts of the others touched. */
export function dropEmptyTopics(db: Db): void {
  stmt(db, 'DELETE FROM topics WHERE id NOT IN (SELECT topic_id FROM stories WHERE topic_id IS NOT NULL)').run();
}

/** Each story's topic (story id → topic id), for stories in a topic. */
export function readStoryTopics(db: Db, storyIds?: readonly number[]): Map<number, number> {
  const rows = (
    storyIds
      ? stmt(
          db,
          'SELECT id, topic_id AS topicId FROM stories WHERE topic_id IS NOT NULL AND id IN (SELECT value FROM json_each(?))',
        ).all(JSON.stringify(storyIds))
      : stmt(db, 'SELECT id, topic_id AS topicId FROM stories WHERE topic_id IS NOT NULL').all()
  ) as Array<{ id: number; topicId: number }>;
  return new Map(rows.map((r) => [r.id, r.topicId]));
}

/** Topics seen since a date (most recent first), each with its stories (largest first). */
export function listTopics(db: Db, opts: { since?: string; limit?: number } = {}): TopicRow[] {
  const topics = stmt(
    db,
    `SELECT id, title, key_terms AS keyTerms, first_seen AS firstSeen, last_seen AS lastSeen, story_count AS storyCount,
       item_count AS itemCount FROM topics WHERE last_seen >= ? ORDER BY last_seen DESC, id DESC LIMIT ?`,
  ).all(opts.since ?? '', opts.limit ?? 100) as Array<Omit<TopicRow, 'keyTerms' | 'stories'> & { keyTerms: string }>;
  const storiesOf = stmt(
    db,
    `SELECT id, title, item_count AS itemCount, source_count AS sourceCount, last_seen AS lastSeen FROM stories
     WHERE topic_id = ? ORDER BY item_count DESC, id LIMIT 200`,
  );
  return topics.map((t) => ({
    ...t,
    keyTerms: parseJsonColumn<string[]>(t.keyTerms, []),
    stories: storiesOf.all(t.id) as TopicRow['stories'],
  }));
}

/** The topic of a story, or null. */
export function topicOfStory(db: Db, storyId: number): number | null {
  const r = stmt(db, 'SELECT topic_id AS topicId FROM stories WHERE id = ?').get(storyId) as
    { topicId: number | null } | undefined;
  return r?.topicId ?? null;
}
