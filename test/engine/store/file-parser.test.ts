import path from 'node:path';
import { createFileParser } from '../../../electron/engine/ingest/file-parser';
import { LEMONDE_RAW, lemondeRawFiles } from '../../helpers/lemonde-replica';
import { describeWithDatasets } from '../../helpers/datasets';

describeWithDatasets('createFileParser', () => {
  const files = lemondeRawFiles().slice(0, 6);
  const empty = path.join(LEMONDE_RAW, '2022', 'Jul', '05', '19-48-00', '0,2-3208,1-0,0.xml');

  it('parses in a worker thread exactly as in-thread, errors included', async () => {
    const inWorker = createFileParser({ workers: 1 });
    const inThread = createFileParser({ workers: 0 });
    try {
      expect(inWorker.workers).toBe(1);
      expect(inThread.workers).toBe(0);
      const a = await Promise.all([...files, empty].map((f) => inWorker.parse(f)));
      const b = await Promise.all([...files, empty].map((f) => inThread.parse(f)));
      expect(a).toEqual(b);
      expect(a.slice(0, -1).every((r) => r.ok && r.feed.items.length > 0)).toBe(true);
      expect(a[a.length - 1]).toMatchObject({ ok: false, error: { code: 'parse.empty' } });
    } finally {
      await inWorker.close();
      await inThread.close();
    }
  });

  it('closing with work in flight answers every pending file (as an error) instead of hanging', async () => {
    const parser = createFileParser({ workers: 1 });
    const pending = files.map((f) => parser.parse(f));
    await parser.close();
    const results = await Promise.all(pending);
    expect(results).toHaveLength(files.length);
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('internal');
  });

  it('prepares the items in the worker exactly as in-thread, returning the feed without its items', async () => {
    const inWorker = createFileParser({ workers: 1, prepare: true, detectLanguage: true });
    const inThread = createFileParser({ workers: 0, prepare: true, detectLanguage: true });
    try {
      const a = await Promise.all(files.slice(0, 3).map((f) => inWorker.parse(f)));
      const b = await Promise.all(files.slice(0, 3).map((f) => inThread.parse(f)));
      expect(a).toEqual(b);
      for (const r of a) {
        if (!r.ok) throw new Error('parse failed');
        expect(r.feed.items).toEqual([]);
        expect(r.prepared!.length).toBeGreaterThan(0);
        expect(r.prepared![0].contentHash).toMatch(/^[0-9a-f]{40}$/);
        // The language is settled there too, for the feed's declared language (Le Monde runs a
        // few English articles: "The threat coming from the cold").
        expect(r.prepared!.every((p) => p.detected?.hint === 'fr')).toBe(true);
        expect(r.prepared!.filter((p) => p.detected!.language === 'fr').length).toBeGreaterThan(
          r.prepared!.length * 0.9,
        );
      }
    } finally {
      await inWorker.close();
      await inThread.close();
    }
  });

  it('sends a repeated item as a reference the storing thread resolves, for the same result as in-thread', async () => {
    const inWorker = createFileParser({ workers: 1, prepare: true, detectLanguage: true });
    const inThread = createFileParser({ workers: 0, prepare: true, detectLanguage: true });
    try {
      // Consecutive snapshots of the same section repeat most items (then the same files again).
      const replay = [...files, ...files];
      const a = await Promise.all(replay.map((f) => inWorker.parse(f)));
      const b = await Promise.all(replay.map((f) => inThread.parse(f)));
      expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify(b)));
      expect(a.every((r) => r.ok && r.prepared!.length > 0)).toBe(true);
    } finally {
      await inWorker.close();
      await inThread.close();
    }
  });
});
