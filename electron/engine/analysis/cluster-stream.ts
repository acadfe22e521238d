/**
 * Streaming clustering with the same StoryIndex the ingest pipeline uses, without a database:
 * documents arrive in time order and each joins the best open story or starts one. Used by the
 * evaluation and the benchmark to measure exactly what ingest does.
 */
import { StoryIndex, newOpenStory, type StoryIndexOptions } from './story-index';

/** One document of the stream. */
export interface StreamDoc {
  title: string;
  text?: string | null;
  /** Epoch ms (documents are processed in this order; ties keep input order). */
  time: number;
}

/** Clusters documents incrementally; returns a story label per document (input order). */
export function clusterStream(
  docs: readonly StreamDoc[],
  opts: StoryIndexOptions = {},
  index = new StoryIndex(opts),
): number[] {
  const order = docs.map((_, i) => i).sort((a, b) => docs[a]!.time - docs[b]!.time || a - b);
  const labels = new Array<number>(docs.length);
  let next = 1;
  for (const i of order) {
    const d = docs[i]!;
    index.evict(d.time);
    const v = index.vectorize(d.title, d.text);
    const found = index.findStory(v, d.time);
    const story = found ? index.stories.get(found.id)! : newOpenStory(next++, d.time, d.title);
    story.lastSeen = Math.max(story.lastSeen, d.time);
    story.itemCount++;
    index.addToStory(story, v);
    labels[i] = story.id;
  }
  return labels;
}
