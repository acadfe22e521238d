import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { countItems, itemSources, listItems, stats } from '../../../electron/engine/db/items-store';
import { listSources } from '../../../electron/engine/db/sources-store';
import { ingestFiles } from '../../../electron/engine/ingest/ingest-files';
import { LEMONDE_RAW, lemondeRawFiles } from '../../helpers/lemonde-replica';
import { describeWithDatasets } from '../../helpers/datasets';

/** Independent count from the raw XML: item occurrences and distinct guids, and guid → feed files. */
function rawFacts(files: string[]) {
  let occurrences = 0;
  const feedsByGuid = new Map<string, Set<string>>();
  for (const f of files) {
    const xml = fs.readFileSync(f, 'utf8');
    for (const m of xml.matchAll(/<item>[\s\S]*?<guid[^>]*>([^<]+)<\/guid>[\s\S]*?<\/item>/g)) {
      occurrences++;
      const set = feedsByGuid.get(m[1].trim()) ?? new Set<string>();
      set.add(path.basename(f));
      feedsByGuid.set(m[1].trim(), set);
    }
  }
  return { occurrences, feedsByGuid };
}

describeWithDatasets('ingestFiles on the raw Le Monde 2022 snapshots', () => {
  let db: Db;
  const errors: string[] = [];
  let result: Awaited<ReturnType<typeof ingestFiles>>;
  const files = lemondeRawFiles();
  const facts = rawFacts(files);

  beforeAll(async () => {
    db = openDatabase(':memory:');
    result = await ingestFiles(db, [LEMONDE_RAW], {
      sourceType: 'press-national',
      onError: (file) => errors.push(file),
    });
  });
  afterAll(() => db.close());

  it('stores every item of every file and counts the 0-byte file as the only error', () => {
    expect(result.files).toBe(files.length);
    expect(result.errors).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Jul\/05\/19-48-00\/0,2-3208,1-0,0\.xml$/);
    expect(result.items).toBe(facts.occurrences);
    expect(result.new).toBe(facts.feedsByGuid.size);
    expect(countItems(db)).toBe(facts.feedsByGuid.size);
  });

  it('makes one source per section feed and one item per article across sections', () => {
    const sources = listSources(db);
    expect(sources).toHaveLength(16);
    expect(sources.every((s) => s.type === 'press-national' && !s.enabled)).toBe(true);
    const [guid, feeds] = [...facts.feedsByGuid].find(([, set]) => set.size >= 3)!;
    const [hit] = db.prepare('SELECT item_id AS id FROM item_keys WHERE key = ?').all('g:' + guid) as { id: number }[];
    expect(itemSources(db, hit.id)).toHaveLength(feeds.size);
    const s = stats(db);
    expect(s.occurrences).toBe(facts.occurrences);
    expect(s.bySource).toHaveLength(16);
  });

  it('keeps the items’ own dates and language, and finds them by accent-free search', () => {
    const ukraine = listItems(db, { query: 'ukraine', since: '2022-02-24', until: '2022-02-25' });
    expect(ukraine.length).toBeGreaterThan(3);
    expect(ukraine.every((i) => i.published!.startsWith('2022-02-24'))).toBe(true);
    // Le Monde's section feeds also carry a few "Le Monde in English" pieces: those are 'en'.
    const english = ukraine.filter((i) => /\b(the|is|of)\b/.test(i.title + ' ' + i.summary));
    expect(english.length).toBeGreaterThan(0);
    expect(english.every((i) => i.language === 'en')).toBe(true);
    expect(ukraine.filter((i) => !english.includes(i)).every((i) => i.language === 'fr')).toBe(true);
    expect(listItems(db, { query: 'refugies' }).length).toBe(listItems(db, { query: 'réfugiés' }).length);
  });

  it('counts a missing path as a failed file and goes on', async () => {
    const seen: string[] = [];
    const one = path.join(LEMONDE_RAW, '2022', 'Jan', '01');
    const r = await ingestFiles(openDatabase(':memory:'), [path.join(LEMONDE_RAW, 'no-such-dir'), one], {
      onError: (f) => seen.push(f),
    });
    expect(r.errors).toBe(1);
    expect(r.files).toBe(1 + fs.readdirSync(path.join(one, fs.readdirSync(one)[0])).length);
    expect(r.new).toBeGreaterThan(0);
    expect(seen).toEqual([path.join(LEMONDE_RAW, 'no-such-dir')]);
  });

  it('re-ingesting the same files creates nothing new', async () => {
    const again = await ingestFiles(db, [path.join(LEMONDE_RAW, '2022', 'Jan', '01')], {
      sourceType: 'press-national',
      onError: () => undefined,
    });
    expect(again.new).toBe(0);
    expect(again.items).toBeGreaterThan(0);
  });
});
