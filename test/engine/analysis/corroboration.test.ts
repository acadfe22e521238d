/**
 * Claims of an official document on a real SQLite database: pending at ingest, flagged by the
 * sweep once the corroboration delay is over (clock injected, no sleep), never flagged when an
 * official source echoes them in time; the rescoring reaches the rules once and the UI event.
 */
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { addSource } from '../../../electron/engine/db/sources-store';
import { analyzeNewItems, invalidateAnalysis } from '../../../electron/engine/analysis/pipeline';
import { sweepExpiredClaims } from '../../../electron/engine/analysis/corroboration';
import { evaluateRulesForItems } from '../../../electron/engine/alerts/evaluate';
import { insertRule } from '../../../electron/engine/db/alerts-store';
import { createEngine } from '../../../electron/engine/engine';
import type { RuleDefinition } from '../../../shared/types/alerts';
import type { Reason } from '../../../shared/types/domain';
import { insertItem } from '../../helpers/analysis-db';

const T0 = Date.parse('2024-07-01T08:00:00Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000);
const CLAIM = 'Un arrêté préfectoral interdit les barbecues dans tout le département du Var cet été';
const ECHO = 'Var : l’arrêté préfectoral interdit les barbecues dans tout le département cet été';

function item(db: Db, id: number) {
  const r = db.prepare('SELECT story_id AS storyId, reasons FROM items WHERE id = ?').get(id) as {
    storyId: number;
    reasons: string;
  };
  return { storyId: r.storyId, infox: (JSON.parse(r.reasons) as { infox: Reason[] }).infox };
}
const signals = (rs: Reason[]) => rs.map((r) => r.signal);
const pending = (db: Db) => db.prepare('SELECT COUNT(*) FROM infox_pending_claims').pluck().get() as number;
const rule = (tiers: RuleDefinition['tiers']): RuleDefinition => ({
  name: 'Infox',
  enabled: true,
  query: '',
  sourceIds: [],
  sourceTypes: [],
  entities: [],
  match: 'any',
  tiers,
  growthWindowMin: 60,
  recipients: [],
  channelIds: [],
});

describe('uncorroborated official claims', () => {
  let db: Db;
  let social: number, official: number;
  beforeEach(() => {
    db = openDatabase(':memory:');
    social = addSource(db, { name: 'compte', url: 'https://social.example/u/rss', type: 'social' }).id;
    official = addSource(db, { name: 'Préfecture', url: 'https://prefecture.example/rss', type: 'official' }).id;
  });
  afterEach(() => db.close());

  it('is pending at ingest, then flagged with its evidence when the delay expires without an echo', () => {
    const claim = insertItem(db, social, CLAIM, at(0));
    analyzeNewItems(db, [claim]);
    const before = item(db, claim);
    expect(signals(before.infox)).toContain('official-claim-pending');
    expect(signals(before.infox)).not.toContain('uncorroborated-official-claim');
    expect(pending(db)).toBe(1);

    expect(sweepExpiredClaims(db, at(23.9)).flagged).toEqual([]);
    const r = sweepExpiredClaims(db, at(24.1));
    expect(r.flagged).toEqual([claim]);
    expect(r.stories).toEqual([before.storyId]);

    const after = item(db, claim);
    expect(signals(after.infox)).not.toContain('official-claim-pending');
    const flag = after.infox.find((x) => x.signal === 'uncorroborated-official-claim')!;
    expect(flag.weight).toBeGreaterThan(before.infox.find((x) => x.signal === 'official-claim-pending')!.weight);
    expect(flag.evidence).toContain('arrêté préfectoral');
    expect(flag.evidence).toContain('2024-07-01 08:00 UTC');
    expect(flag.evidence).toMatch(/dans les 24 h/);
    expect(after.infox.length).toBe(before.infox.length);
    const score = db.prepare('SELECT infox FROM items WHERE id = ?').pluck().get(claim) as number;
    const story = db.prepare('SELECT infox, reasons FROM stories WHERE id = ?').get(before.storyId) as {
      infox: number;
      reasons: string;
    };
    expect(story.infox).toBe(score);
    expect(JSON.parse(story.reasons).infox[0].evidence).toContain('uncorroborated-official-claim');

    // Done once: the row left the table, a later sweep changes nothing.
    expect(pending(db)).toBe(0);
    expect(sweepExpiredClaims(db, at(48))).toEqual({ flagged: [], corroborated: [], stories: [] });
  });

  it('flags a claim whose stored reasons are damaged, and still handles the other due claims', () => {
    const a = insertItem(db, social, CLAIM, at(0));
    const b = insertItem(
      db,
      social,
      'Partagez : un décret oblige les non-résidents à quitter l’île de Ré avant samedi',
      at(0),
    );
    analyzeNewItems(db, [a, b]);
    expect(pending(db)).toBe(2);
    db.prepare('UPDATE items SET reasons = ? WHERE id = ?').run('{"infox": [tronqué', a);
    const r = sweepExpiredClaims(db, at(24.1));
    expect(r.flagged.sort()).toEqual([a, b].sort());
    const flagged = item(db, a).infox.find((x) => x.signal === 'uncorroborated-official-claim')!;
    expect(flagged.evidence).toContain('arrêté préfectoral');
    expect(signals(item(db, b).infox)).toContain('uncorroborated-official-claim');
    expect(pending(db)).toBe(0);
  });

  it('raises the infox score at the deadline and honours analysis.corroborationHours', () => {
    db.prepare("INSERT INTO settings (key, value) VALUES ('analysis.corroborationHours', '6')").run();
    const claim = insertItem(db, social, CLAIM, at(0));
    analyzeNewItems(db, [claim]);
    const before = db.prepare('SELECT infox FROM items WHERE id = ?').pluck().get(claim) as number;
    expect(sweepExpiredClaims(db, at(5.9)).flagged).toEqual([]);
    expect(sweepExpiredClaims(db, at(6.1)).flagged).toEqual([claim]);
    expect(db.prepare('SELECT infox FROM items WHERE id = ?').pluck().get(claim) as number).toBeGreaterThan(before);
    expect(item(db, claim).infox.find((x) => x.signal === 'uncorroborated-official-claim')!.evidence).toMatch(
      /dans les 6 h/,
    );
  });

  it('never flags a claim an official source echoes in time', () => {
    const claim = insertItem(db, social, CLAIM, at(0));
    analyzeNewItems(db, [claim]);
    const echo = insertItem(db, official, ECHO, at(3));
    analyzeNewItems(db, [echo]);
    expect(item(db, echo).storyId).toBe(item(db, claim).storyId);
    expect(pending(db)).toBe(0);
    const r = sweepExpiredClaims(db, at(30));
    expect(r.flagged).toEqual([]);
    const s = signals(item(db, claim).infox);
    expect(s).toContain('corroborated-official-claim');
    expect(s).not.toContain('uncorroborated-official-claim');
    expect(s).not.toContain('official-claim-pending');
  });

  it('finds an echo stored after a restart (in-memory state lost) when the deadline comes', () => {
    const claim = insertItem(db, social, CLAIM, at(0));
    analyzeNewItems(db, [claim]);
    invalidateAnalysis(db);
    analyzeNewItems(db, [insertItem(db, official, ECHO, at(5))]);
    const r = sweepExpiredClaims(db, at(25));
    expect(r).toMatchObject({ flagged: [], corroborated: [claim] });
    expect(signals(item(db, claim).infox)).toContain('corroborated-official-claim');
  });

  it('flags the claim when the official echo comes after the delay', () => {
    const claim = insertItem(db, social, CLAIM, at(0));
    analyzeNewItems(db, [claim]);
    analyzeNewItems(db, [insertItem(db, official, ECHO, at(30))]);
    expect(sweepExpiredClaims(db, at(31)).flagged).toEqual([claim]);
  });

  it('reaches the rules after the rescoring once: a new tier alerts, the same tier does not alert twice', () => {
    const claim = insertItem(db, social, CLAIM, at(0));
    analyzeNewItems(db, [claim]);
    const low = db.prepare('SELECT infox FROM items WHERE id = ?').pluck().get(claim) as number;
    // Rule A alerted on the pending claim already (tier 0); rule B's only tier needs the full flag.
    const a = insertRule(
      db,
      rule([
        { severity: 'info', minInfox: low },
        { severity: 'urgent', minInfox: 90 },
      ]),
      'test',
    );
    db.prepare('UPDATE alert_rules SET watermark_item_id = 0').run();
    expect(evaluateRulesForItems(db, [claim], at(0.1)).map((x) => x.ruleId)).toEqual([a.id]);
    const b = insertRule(db, rule([{ severity: 'urgent', minInfox: low + 10 }]), 'test');

    const swept = sweepExpiredClaims(db, at(24.1));
    const opts = { rescored: true, maxItemAgeHours: 48 };
    const decided = evaluateRulesForItems(db, swept.flagged, at(24.1), opts);
    expect(decided.map((x) => [x.ruleId, x.severity, x.isUpdate])).toEqual([[b.id, 'urgent', false]]);
    expect(evaluateRulesForItems(db, swept.flagged, at(24.2), opts)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM alerts').pluck().get()).toBe(2);
  });

  it('stays within the due rows: the sweep reads the deadline index', () => {
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT item_id, document, claimed_at, deadline FROM infox_pending_claims WHERE deadline <= ? ORDER BY deadline LIMIT 10',
      )
      .all('2024-07-02') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(
      /SEARCH infox_pending_claims USING (COVERING )?INDEX infox_pending_claims_deadline/,
    );
  });
});

describe('claim sweep in a long-running engine', () => {
  it('flags due claims at start, publishes items:changed and evaluates the rules', async () => {
    const engine = createEngine({ dbPath: ':memory:', background: true, refresh: false, now: () => at(25) });
    try {
      const db = engine.db;
      const social = addSource(db, { name: 'compte', url: 'https://social.example/u/rss', type: 'social' }).id;
      const claim = insertItem(db, social, CLAIM, at(0));
      analyzeNewItems(db, [claim]);
      const low = db.prepare('SELECT infox FROM items WHERE id = ?').pluck().get(claim) as number;
      insertRule(db, rule([{ severity: 'info', minInfox: low + 10 }]), 'test');
      const changed = await new Promise<number[]>((resolve) => {
        engine.on('items:changed', (p) => resolve(p.ids));
      });
      expect(changed).toEqual([claim]);
      expect(signals(item(db, claim).infox)).toContain('uncorroborated-official-claim');
      expect(db.prepare('SELECT item_id FROM alerts').pluck().all()).toEqual([claim]);
    } finally {
      await engine.close();
    }
  });
});
