/**
 * The brief editor's channels through the engine facade: a saved draft (order, removal, analysis
 * paragraph) shapes the exported Markdown and the preview, and briefs:email delivers it to a real
 * loopback SMTP server through an alert channel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { insertChannel } from '../../../electron/engine/db/alerts-store';
import type { Result } from '../../../shared/result';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { seedItem, seedSource, seedStory } from '../brief/brief-db';

const NOW = new Date('2022-02-25T07:00:00Z');
const FROM = '2022-02-24T00:00:00+01:00';
const TO = '2022-02-25T00:00:00+01:00';
const STORIES = [
  { title: 'Guerre en Ukraine : la Russie lance une offensive', virality: 95 },
  { title: 'Présidentielle : « la campagne suspendue » par la guerre', virality: 70 },
  { title: 'Salon de l’agriculture : l’ouverture reportée', virality: 40 },
];
const PICKS = [
  'Note : préfet de Moselle interrogé sur les réfugiés',
  'Note : cyberattaque signalée à la mairie de Metz',
];

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

let dir: string;
let engine: Engine;
let sink: SmtpSink;
let channelId: number;

beforeAll(async () => {
  sink = await startSmtpSink();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-brief-draft-'));
  engine = createEngine({ dbPath: path.join(dir, 'vigie.db'), now: () => NOW });
  const db = engine.db;
  const lm = seedSource(db, 'Le Monde', 'press-national');
  const rl = seedSource(db, 'Le Républicain lorrain', 'press-regional');
  STORIES.forEach((s, n) => {
    const id = seedStory(db, s.title, `2022-02-24T0${n + 5}:00:00.000Z`, { virality: s.virality });
    for (const [k, src] of [lm, rl].entries()) {
      seedItem(db, {
        sourceId: src,
        storyId: id,
        virality: s.virality,
        published: `2022-02-24T1${n}:0${k}:00.000Z`,
        title: s.title,
        summary: `${s.title}. Les faits rapportés par la rédaction.`,
      });
    }
  });
  PICKS.forEach((t, n) =>
    seedItem(db, { sourceId: rl, title: t, starred: true, published: `2022-02-24T15:0${n}:00.000Z`, virality: 5 }),
  );
  channelId = insertChannel(db, {
    name: 'Cabinet',
    kind: 'smtp',
    config: {
      host: '127.0.0.1',
      port: sink.port,
      from: 'veille@vigie.test',
      allowSelfSigned: true,
      defaultTo: ['dircab@interieur.test'],
    },
  }).id;
});

afterAll(async () => {
  await engine.close();
  await sink.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a saved draft orders, removes and annotates the exported brief, the preview and the email', async () => {
  const before = value(await engine.invoke('briefs:draft:get', { from: FROM, to: TO }));
  expect(before.updatedAt).toBeNull();
  // The stories lead by virality; the starred loose items follow as their own one-item groups.
  const top = before.entries.filter((e) => e.section === 'top');
  expect(top.slice(0, 3).map((e) => e.title)).toEqual(STORIES.map((s) => s.title));
  expect(top.slice(0, 3).every((e) => e.key.startsWith('story:'))).toBe(true);
  const sel = before.entries.filter((e) => e.section === 'selection');
  expect(sel.map((e) => e.title)).toEqual(PICKS);

  // Reverse the top stories, drop the agriculture one, put the second pick first, write a paragraph.
  const dropped = top[2]!.key;
  const order = [top[1]!.key, top[0]!.key, sel[1]!.key, sel[0]!.key];
  const analysis = 'La cellule retient « l’offensive russe » comme priorité du point de situation.';
  const saved = value(
    await engine.invoke('briefs:draft:save', { from: FROM, to: TO, order, removed: [dropped], analysis }),
  );
  expect(saved.entries.map((e) => e.key).filter((k) => order.includes(k))).toEqual(order);
  expect(saved.entries.map((e) => e.key)).not.toContain(dropped);
  expect(saved.entries.slice(0, 2).map((e) => e.key)).toEqual(order.slice(0, 2));
  expect(saved.removed).toEqual([{ key: dropped, title: STORIES[2]!.title, section: 'top' }]);
  expect(saved.analysis).toBe(analysis);
  expect(saved.updatedAt).toBe(NOW.toISOString());

  const file = value(await engine.invoke('briefs:export', { from: FROM, to: TO, format: 'md' }));
  const md = Buffer.from(file.base64, 'base64').toString('utf8');
  expect(md).toContain(analysis);
  expect(md).not.toContain(STORIES[2]!.title);
  expect(md.indexOf(STORIES[1]!.title)).toBeGreaterThan(-1);
  expect(md.indexOf(STORIES[1]!.title)).toBeLessThan(md.indexOf(STORIES[0]!.title));
  // The analyst selections come last in the brief: their last mention is in that section.
  expect(md.lastIndexOf(PICKS[1]!)).toBeGreaterThan(md.lastIndexOf(STORIES[0]!.title));
  expect(md.lastIndexOf(PICKS[1]!)).toBeLessThan(md.lastIndexOf(PICKS[0]!));

  const preview = value(await engine.invoke('briefs:preview', { from: FROM, to: TO }));
  expect(preview.html).toContain('« l’offensive russe »');
  expect(preview.html).not.toContain('Salon de l’agriculture');

  // Restoring the removed story brings it back.
  const restored = value(
    await engine.invoke('briefs:draft:save', { from: FROM, to: TO, order, removed: [], analysis }),
  );
  expect(restored.removed).toEqual([]);
  expect(restored.entries.map((e) => e.title)).toContain(STORIES[2]!.title);
  value(await engine.invoke('briefs:draft:save', { from: FROM, to: TO, order, removed: [dropped], analysis }));

  const sent = value(
    await engine.invoke('briefs:email', {
      from: FROM,
      to: TO,
      channelId,
      recipients: ['cellule@interieur.test', 'prefet@moselle.test'],
      format: 'md',
    }),
  );
  expect(sent.sent).toEqual(['cellule@interieur.test', 'prefet@moselle.test']);
  expect(sent.failed).toEqual([]);
  const mails = await sink.waitForMails(2);
  const to = mails.map((m) => (Array.isArray(m.parsed.to) ? m.parsed.to[0] : m.parsed.to)?.text).sort();
  expect(to).toEqual(['cellule@interieur.test', 'prefet@moselle.test']);
  const html = String(mails[0]!.parsed.html);
  expect(html).toContain('« l’offensive russe »');
  expect(html).not.toContain('Salon de l’agriculture');
  const text = mails[0]!.parsed.text ?? '';
  expect(text.indexOf(STORIES[1]!.title)).toBeLessThan(text.indexOf(STORIES[0]!.title));
  expect(text).toContain(analysis);
  // The Markdown file attached is the edited brief too.
  const [att] = mails[0]!.parsed.attachments;
  expect(att?.filename).toBe('synthese-2022-02-24.md');
  expect(att?.contentType).toBe('text/markdown');
  const attached = att!.content.toString('utf8');
  expect(attached).toContain(analysis);
  expect(attached).not.toContain(STORIES[2]!.title);
  expect(attached.indexOf(STORIES[1]!.title)).toBeLessThan(attached.indexOf(STORIES[0]!.title));
}, 60_000);

test('briefs:email attaches a PDF when asked, and nothing by default', async () => {
  const before = sink.mails.length;
  const r = value(
    await engine.invoke('briefs:email', {
      from: FROM,
      to: TO,
      channelId,
      recipients: ['cellule@interieur.test'],
      format: 'pdf',
    }),
  );
  expect(r.sent).toEqual(['cellule@interieur.test']);
  value(await engine.invoke('briefs:email', { from: FROM, to: TO, channelId, recipients: [] }));
  const mails = (await sink.waitForMails(before + 2)).slice(before);
  const pdf = mails[0]!.parsed.attachments[0]!;
  expect(pdf.filename).toBe('synthese-2022-02-24.pdf');
  expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // Without recipients the channel's own list is used; without a format the mail has no attachment.
  expect((Array.isArray(mails[1]!.parsed.to) ? mails[1]!.parsed.to[0] : mails[1]!.parsed.to)?.text).toBe(
    'dircab@interieur.test',
  );
  expect(mails[1]!.parsed.attachments).toEqual([]);
}, 60_000);

test('briefs:email refuses a non-SMTP channel and a malformed recipient', async () => {
  const desk = insertChannel(engine.db, { name: 'Bureau', kind: 'desktop' }).id;
  const r = await engine.invoke('briefs:email', { from: FROM, to: TO, channelId: desk, recipients: [] });
  expect(r.ok ? null : r.error.code).toBe('alert.config');
  const bad = await engine.invoke('briefs:email', { from: FROM, to: TO, channelId, recipients: ['pas-une-adresse'] });
  expect(bad.ok ? null : bad.error.code).toBe('input.invalid');
});
