/** Shared scoring for the parser conformance suites (used by the tests and scripts/parser-conformance.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { htmlToText } from '../../../electron/engine/ingest/sanitize';

/** Tally of one suite: field checks and whole files. */
export interface Tally {
  suite: string;
  files: number;
  filesPassed: number;
  checks: number;
  checksPassed: number;
  /** First failures, for diagnosis. */
  failures: string[];
  /** Cases not evaluated (expectation has no equivalent in our model). */
  skipped: number;
}

/** New empty tally. */
export function newTally(suite: string): Tally {
  return { suite, files: 0, filesPassed: 0, checks: 0, checksPassed: 0, failures: [], skipped: 0 };
}

/** Per-file checker: collects field comparisons, then commits them to the tally. */
export class FileChecks {
  private ok = true;
  private count = 0;
  constructor(
    private readonly tally: Tally,
    private readonly file: string,
  ) {}

  /** Records one comparison. */
  check(field: string, expected: unknown, actual: unknown, equal: boolean): void {
    this.count++;
    this.tally.checks++;
    if (equal) this.tally.checksPassed++;
    else {
      this.ok = false;
      const detail =
        typeof expected === 'string' && typeof actual === 'string'
          ? firstDifference(expected, actual)
          : `expected ${JSON.stringify(expected)?.slice(0, 120)} got ${JSON.stringify(actual)?.slice(0, 120)}`;
      if (this.tally.failures.length < 60) this.tally.failures.push(`${this.file} ${field}: ${detail}`);
    }
  }

  /** Plain-text comparison after tag stripping, entity decoding and whitespace collapsing on both sides. */
  text(field: string, expected: unknown, actual: unknown): void {
    const e = normText(expected);
    const a = normText(actual);
    // Our text fields are already plain text: compare them as they are, and stripped like the golden.
    const asIs =
      actual === null || actual === undefined
        ? null
        : String(actual).normalize('NFC').replace(/\s+/g, ' ').trim() || null;
    this.check(field, e, a, e === a || e === asIs || matchesMojibake(e, a));
  }

  /** Instant comparison of two dates. */
  instant(field: string, expected: unknown, actual: unknown): void {
    const e = expected ? Date.parse(String(expected)) : NaN;
    const a = actual ? Date.parse(String(actual)) : NaN;
    // Whole seconds: feed dates carry no milliseconds (rss-parser's goldens show test-clock artefacts there).
    this.check(
      field,
      expected,
      actual,
      (Number.isNaN(e) && Number.isNaN(a)) || Math.floor(e / 1000) === Math.floor(a / 1000),
    );
  }

  /** A failure that is not a field (crash, wrong error). */
  fail(reason: string): void {
    this.check('parse', 'success', reason, false);
  }

  /** Commits the file result; files with no check count as skipped. */
  done(): void {
    if (this.count === 0) {
      this.tally.skipped++;
      return;
    }
    this.tally.files++;
    if (this.ok) this.tally.filesPassed++;
  }
}

/**
 * A peer golden holding U+FFFD (the peer mis-decoded the charset) matches our text when every other
 * character agrees and ours has no U+FFFD: each U+FFFD stands for one or two original characters.
 */
function matchesMojibake(expected: string | null, actual: string | null): boolean {
  if (!expected || !actual || !expected.includes('\uFFFD') || actual.includes('\uFFFD')) return false;
  const pattern = expected
    .split('\uFFFD')
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.{1,2}?');
  return new RegExp(`^${pattern}$`, 's').test(actual);
}

/** Position and context of the first difference between two strings (diagnostics). */
export function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `@${i}: ${JSON.stringify(a.slice(Math.max(0, i - 20), i + 30))} vs ${JSON.stringify(b.slice(Math.max(0, i - 20), i + 30))}`;
}

/** Text as compared: plain text, NFC, whitespace collapsed; empty → null. */
export function normText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const t = htmlToText(String(v)).normalize('NFC').replace(/\s+/g, ' ').trim();
  return t || null;
}

/** Files of a directory matching a filter, sorted. */
export function listFiles(dir: string, filter: (name: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter(filter)
    .sort()
    .map((n) => path.join(dir, n));
}

/** Files below a directory, recursively. */
export function walkFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walkFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

/** Ratio of files passed (1 when nothing was evaluated). */
export function fileRate(t: Tally): number {
  return t.files ? t.filesPassed / t.files : 1;
}

/** Ratio of field checks passed. */
export function checkRate(t: Tally): number {
  return t.checks ? t.checksPassed / t.checks : 1;
}

/** One summary line: "suite: files 95/100 (95.0%), fields 990/1000 (99.0%)". */
export function formatTally(t: Tally): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `${t.suite}: files ${t.filesPassed}/${t.files} (${pct(fileRate(t))}), fields ${t.checksPassed}/${t.checks} (${pct(checkRate(t))})${t.skipped ? `, ${t.skipped} not applicable` : ''}`;
}
