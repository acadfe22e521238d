/** Language of an item: tinyld on the text, the feed's declared language when the text is too short to tell. */
import { detectAll, validateISO2 } from 'tinyld';

/** Below this many letters tinyld guesses poorly, so a valid feed hint wins. */
const SHORT_TEXT_CHARS = 60;

/** How far the best tinyld score must lead the runner-up to be trusted without a hint. */
const MIN_LEAD = 1.5;

/** Lead required on short text with no hint (headlines: "Guerre en Ukraine" reads as Finnish). */
const MIN_LEAD_SHORT = 3;

/** Primary ISO 639-1 subtag of a language tag ("fr-FR" → "fr"), or null when not a valid code. */
export function normalizeLanguageTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return /^[a-z]{2}$/.test(primary) && validateISO2(primary) ? primary : null;
}

/**
 * Detects the language of text as an ISO 639-1 code ('fr'), or null when unknown. A valid hint
 * (feed language) is preferred for short text, and whenever detection is unsure or agrees with it.
 */
export function detectLanguage(text: string, hint?: string | null): string | null {
  const hinted = normalizeLanguageTag(hint);
  const sample = (text ?? '').trim();
  if (sample.length < SHORT_TEXT_CHARS && hinted) return hinted;
  if (!sample) return hinted;
  const candidates = detectAll(sample.slice(0, 2000));
  if (candidates.length === 0) return hinted;
  const best = candidates[0];
  // The hint wins ties: a close second is usually the feed's language read on a short or mixed text.
  const hintedCandidate = hinted ? candidates.find((c) => c.lang === hinted) : undefined;
  if (hintedCandidate && hintedCandidate.accuracy >= best.accuracy * 0.5) return hinted;
  const second = candidates[1]?.accuracy ?? 0;
  // tinyld's accuracies are relative scores: trust the winner when it clearly leads.
  const short = sample.length < SHORT_TEXT_CHARS;
  if (best.accuracy >= second * (short ? MIN_LEAD_SHORT : MIN_LEAD)) return best.lang;
  return hinted ?? (short ? null : best.lang);
}
