/**
 * Extractive French summaries for the brief's stories. Each story is one document of natural's
 * TF-IDF (IDF over all the period's stories, so words every story shares weigh little); each
 * candidate sentence of the story scores the TF-IDF of its distinct stems, normalised by length,
 * and the best non-redundant sentences are kept in their original order.
 * natural is imported here (its TfIdf class only) because analysis/text.ts exposes stems but not
 * TF-IDF; tokens are pre-stemmed with text.ts so natural's English tokenizer and stop words never run.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true'; // natural loads dotenv, which prints to stdout otherwise
const TfIdf = require('natural/lib/natural/tfidf/tfidf') as new () => NaturalTfIdf;
import { foldAccents, isStopWord, stem, tokenize } from '../analysis/text';

interface NaturalTfIdf {
  addDocument(doc: string[] | Record<string, number>, key?: string): void;
  tfidf(terms: string[], index: number): number;
}

/** A story's text: chapôs (summary candidates) and titles (IDF context, fallback candidates). */
export interface StoryText {
  key: string;
  texts: string[];
  titles?: string[];
}

/** Options of summarizeStories. */
export interface SummaryOptions {
  /** Sentences per summary. Default 2. */
  maxSentences?: number;
  /** Characters per summary (sentences beyond are dropped). Default 360. */
  maxChars?: number;
}

// "M. Macron", "Mme Borne", initials: a full stop after these does not end a sentence.
const SENTENCE_END = /(?<!\b(?:M|Mme|Mlle|MM|Dr|Pr|St|Ste|av|J\.-C|[A-Z]))([.!?…]+[»”"]?)\s+(?=[«"“A-ZÀ-ÖØ-Þ0-9])/gu;

const DANGLING_START =
  /^(?:Il|Elle|Ils|Elles|Ce|Cet|Cette|Ces|Celui|Celle|Ceux|Cela|Ça|Lui|Leur|Leurs|Son|Sa|Ses|Y|En outre|Par ailleurs|Mais|Or|Donc)\b/u;

/** Splits French prose into sentences. */
export function splitSentences(text: string): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  return clean
    .replace(SENTENCE_END, '$1\u0000')
    .split('\u0000')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Content stems of a text (stop words and 1–2 letter words dropped). */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const tok of tokenize(text)) {
    const folded = foldAccents(tok);
    if (folded.length < 3 || isStopWord(folded)) continue;
    out.push(stem(tok.toLowerCase()));
  }
  return out;
}

/**
 * Summaries for `targets` (keyed by story key); `corpus` is every story of the period (IDF base;
 * a target's own text replaces its corpus entry). Stories without text get an empty summary.
 */
export function summarizeStories(
  targets: readonly StoryText[],
  corpus: readonly StoryText[],
  options: SummaryOptions = {},
): Map<string, string> {
  const maxSentences = options.maxSentences ?? 2;
  const maxChars = options.maxChars ?? 360;
  const tfidf = new TfIdf();
  const indexOf = new Map<string, number>();
  // Targets first: their full text is their document; the rest of the corpus may be titles only.
  for (const d of [...targets, ...corpus]) {
    if (indexOf.has(d.key)) continue;
    indexOf.set(d.key, indexOf.size);
    tfidf.addDocument(contentStems([...d.texts, ...(d.titles ?? [])].join(' ')), d.key);
  }
  const out = new Map<string, string>();
  for (const t of targets) out.set(t.key, summarizeOne(t, tfidf, indexOf.get(t.key)!, maxSentences, maxChars));
  return out;
}

function summarizeOne(
  story: StoryText,
  tfidf: NaturalTfIdf,
  docIndex: number,
  maxSentences: number,
  maxChars: number,
): string {
  const fromTexts = rankCandidates(story.texts, tfidf, docIndex);
  // A title stands in only when no chapô gives a sentence; it gets the full stop titles lack.
  const candidates = fromTexts.length
    ? fromTexts
    : rankCandidates(
        (story.titles ?? []).map((t) => (/[.!?…»]$/.test(t) ? t : t + '.')),
        tfidf,
        docIndex,
      );
  if (!candidates.length) return '';
  const ranked = [...candidates].sort((a, b) => b.score - a.score || a.order - b.order);
  return pickSentences(ranked, maxSentences, maxChars);
}

interface Candidate {
  text: string;
  order: number;
  stems: Set<string>;
  score: number;
  dangling: boolean;
}

function rankCandidates(texts: readonly string[], tfidf: NaturalTfIdf, docIndex: number): Candidate[] {
  const seen = new Set<string>();
  const weights = new Map<string, number>();
  const candidates: Candidate[] = [];
  let order = 0;
  for (const text of texts) {
    for (const s of splitSentences(text)) {
      // Every sentence takes a position, kept or not: adjacency must be real.
      const position = order++;
      const norm = foldAccents(s);
      if (seen.has(norm) || s.length < 25) continue;
      seen.add(norm);
      const stems = new Set(contentStems(s));
      if (stems.size < 3) continue;
      let w = 0;
      // An array, not a string: a string would go through natural's English tokenizer again.
      for (const k of stems) {
        let v = weights.get(k);
        if (v === undefined) weights.set(k, (v = tfidf.tfidf([k], docIndex)));
        w += v;
      }
      // Length normalisation: a long sentence should not win on word count alone. A sentence
      // opening on a pronoun ("Il a été…") leans on the previous one: out of context it reads badly.
      const dangling = DANGLING_START.test(s);
      candidates.push({
        text: s,
        order: position,
        stems,
        score: (w / Math.sqrt(stems.size)) * (dangling ? 0.5 : 1),
        dangling,
      });
    }
    order++; // a gap: the first sentence of the next text does not follow this one
  }
  return candidates;
}

function pickSentences(ranked: Candidate[], maxSentences: number, maxChars: number): string {
  const chosen: typeof ranked = [];
  let chars = 0;
  for (const c of ranked) {
    if (chosen.length >= maxSentences) break;
    // Skip near-repeats of a chosen sentence (Jaccard of stems > 0.5): headline rewrites are common.
    if (chosen.some((x) => jaccard(x.stems, c.stems) > 0.5)) continue;
    // A pronoun-led sentence only right after the sentence it refers to.
    if (c.dangling && !chosen.some((x) => x.order === c.order - 1)) continue;
    if (chosen.length && chars + c.text.length > maxChars) continue;
    chosen.push(c);
    chars += c.text.length + 1;
  }
  const text = chosen
    .sort((a, b) => a.order - b.order)
    .map((c) => c.text)
    .join(' ');
  return text.length > maxChars ? text.slice(0, maxChars - 1).replace(/\s+\S*$/, '') + '…' : text;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const k of a) if (b.has(k)) inter++;
  return inter / (a.size + b.size - inter || 1);
}
