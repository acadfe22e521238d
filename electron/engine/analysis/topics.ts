/**
 * Writes a window's topics (cluster-topics.ts) to the database: each topic of two events or more
 * keeps the id its stories already have (a topic continued from an earlier window), else the id
 * its items had before a rebuild, else a new one.
 */
import type { Db } from '../db/open';
import { clearStoryTopics, dropEmptyTopics, readStoryTopics, saveTopic } from '../db/topics-store';
import { clusterTopics } from './cluster-topics';
import { keptIds } from './stable-ids';
import { surfaceOf } from './story-terms';
import type { SparseVector } from './vectors';

/** Previous topics of items before a rebuild, and the topic ids already given again. */
export interface TopicKeep {
  previous: Map<number, number>;
  taken: Set<number>;
}

/**
 * Groups the window's stories into topics and writes them. `vectors`, `itemIds` and `storyIds`
 * are parallel (one entry per item of the window). Returns the number of topics written.
 */
export function writeTopics(
  db: Db,
  vectors: readonly SparseVector[],
  itemIds: readonly number[],
  storyIds: readonly number[],
  now: string,
  keep?: TopicKeep,
): number {
  const { topicOf, terms } = clusterTopics(vectors, storyIds);
  const stories = [...new Set(storyIds)];
  const current = readStoryTopics(db, stories);
  clearStoryTopics(db, stories);
  const byTopic = new Map<number, number[]>();
  for (const s of stories) {
    const t = topicOf.get(s)!;
    if (terms.has(t)) (byTopic.get(t) ?? byTopic.set(t, []).get(t)!).push(s);
  }
  // Items per topic label, for the ids their topics had before a rebuild.
  const itemsOf = new Map<number, number[]>();
  storyIds.forEach((s, i) => {
    const t = topicOf.get(s)!;
    if (byTopic.has(t)) (itemsOf.get(t) ?? itemsOf.set(t, []).get(t)!).push(itemIds[i]!);
  });
  const kept = keep ? keptIds(itemsOf, keep.previous, keep.taken) : new Map<number, number>();
  const taken = keep?.taken ?? new Set<number>();
  for (const [t, members] of byTopic) {
    const votes = new Map<number, number>();
    for (const s of members) {
      const c = current.get(s);
      if (c !== undefined) votes.set(c, (votes.get(c) ?? 0) + 1);
    }
    let id: number | null = null;
    for (const [c, n] of votes) if (id === null || n > votes.get(id)!) id = c;
    if (id === null && kept.has(t) && !taken.has(kept.get(t)!)) id = kept.get(t)!;
    if (id !== null) taken.add(id);
    const keyTerms = terms
      .get(t)!
      .slice(0, 6)
      .map((k) => surfaceOf(k).replace(/^[#@]/, ''));
    saveTopic(db, { id, title: '', keyTerms, storyIds: members }, now);
  }
  dropEmptyTopics(db);
  return byTopic.size;
}
