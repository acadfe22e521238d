/**
 * Hostile-feed cost (`npm run bench:hostile`, also printed by `bench:ingest`): each deeply nested
 * feed against a flat feed of the same size, parsed the way the scheduler parses (the parse pool,
 * a worker with a time budget), interleaved flat/deep in one process, median of the rounds.
 * CPU is the whole process (worker threads included). Target: deep ≤ 3× flat. No dataset needed.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { createParsePool } from '../electron/engine/ingest/parse-pool';

/** Nesting of the deep variants (the trust issue's `vigie parse` case was 200,000). */
const DEPTH = Number(process.env.BENCH_DEPTH ?? 200_000);
/** Interleaved rounds per pair. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const rss = (inner: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://ex.fr/</link>` +
  `<item><title>a</title><link>https://ex.fr/a</link>${inner}</item></channel></rss>`;

/** Pads `flat` with repeats of `unit` to the byte length of `deep`. */
function sameSize(deep: string, make: (n: number) => string, unitLength: number): string {
  const base = make(0).length;
  return make(Math.max(0, Math.round((deep.length - base) / unitLength)));
}

/** One deep feed and its flat twin of (about) the same size. */
interface Pair {
  name: string;
  deep: string;
  flat: string;
}

function pairs(depth: number): Pair[] {
  const open = '<div>'.repeat(depth);
  const close = '</div>'.repeat(depth);
  const cdata = rss(`<description><![CDATA[${open}x${close}]]></description>`);
  const escaped = rss(`<description>${'&lt;div&gt;'.repeat(depth)}x${'&lt;/div&gt;'.repeat(depth)}</description>`);
  const xml = rss(`<description>${open}x${close}</description>`);
  const ext = rss(`${'<x:n xmlns:x="urn:x">'.repeat(depth)}${'</x:n>'.repeat(depth)}`);
  const json = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'T',
    items: [{ id: '1', content_html: `${open}x${close}` }],
  });
  return [
    {
      name: 'HTML in CDATA',
      deep: cdata,
      flat: sameSize(cdata, (n) => rss(`<description><![CDATA[${'<div>x</div>'.repeat(n)}]]></description>`), 12),
    },
    {
      name: 'HTML as entities',
      deep: escaped,
      flat: sameSize(escaped, (n) => rss(`<description>${'&lt;div&gt;x&lt;/div&gt;'.repeat(n)}</description>`), 22),
    },
    {
      name: 'XML elements in description',
      deep: xml,
      flat: sameSize(xml, (n) => rss(`<description>${'<div>x</div>'.repeat(n)}</description>`), 12),
    },
    {
      name: 'unknown elements in an item',
      deep: ext,
      flat: sameSize(ext, (n) => rss('<x:n xmlns:x="urn:x"></x:n>'.repeat(n)), 27),
    },
    {
      name: 'JSON Feed content_html',
      deep: json,
      flat: sameSize(
        json,
        (n) =>
          JSON.stringify({
            version: 'https://jsonfeed.org/version/1.1',
            title: 'T',
            items: [{ id: '1', content_html: '<div>x</div>'.repeat(n) }],
          }),
        12,
      ),
    },
  ];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One row per pair: sizes, outcome of the deep feed, median wall/CPU of each, ratio deep/flat. */
export async function measureHostileFeeds(depth = DEPTH, rounds = ROUNDS): Promise<string[]> {
  const pool = createParsePool({ workers: 1 });
  const out: string[] = [];
  try {
    for (const p of pairs(depth)) {
      // Each run parses bytes never seen before: the item cache would otherwise serve a repeated
      // flat feed from memory (a failed deep one is never cached), which flatters the flat side.
      let run_ = 0;
      const fresh = (text: string) =>
        Buffer.from(
          text
            .replace('<title>a</title>', `<title>a${run_++}</title>`)
            .replace('"id": "1"', `"id": "${run_++}"`)
            .replace('"id":"1"', `"id":"${run_++}"`),
        );
      const wall = { deep: [] as number[], flat: [] as number[] };
      const cpu = { deep: [] as number[], flat: [] as number[] };
      let outcome = '';
      const run = async (kind: 'deep' | 'flat', text: string) => {
        const bytes = fresh(text);
        const c0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        const r = await pool.parseBytes(bytes, { fetchedAt: new Date() }).then(
          () => 'ok',
          (e: { code?: string }) => e.code ?? 'error',
        );
        wall[kind].push(Number(process.hrtime.bigint() - t0) / 1e6);
        const c = process.cpuUsage(c0);
        cpu[kind].push((c.user + c.system) / 1000);
        if (kind === 'deep') outcome = r;
      };
      const deep = p.deep;
      const flat = p.flat;
      await run('flat', flat); // warm-up of this shape, not counted
      wall.flat.length = cpu.flat.length = 0;
      for (let i = 0; i < rounds; i++) {
        // Interleaved, alternating which goes first, so machine load hits both alike.
        if (i % 2 === 0) {
          await run('flat', flat);
          await run('deep', deep);
        } else {
          await run('deep', deep);
          await run('flat', flat);
        }
      }
      const ratioWall = median(wall.deep) / median(wall.flat);
      const ratioCpu = median(cpu.deep) / median(cpu.flat);
      out.push(
        `${`deep vs flat: ${p.name}`.padEnd(44)} ${(Buffer.byteLength(deep) / 1048576).toFixed(1)} MB vs ${(Buffer.byteLength(flat) / 1048576).toFixed(1)} MB, deep → ${outcome}; ` +
          `median ${median(wall.deep).toFixed(0)} vs ${median(wall.flat).toFixed(0)} ms wall, ` +
          `${median(cpu.deep).toFixed(0)} vs ${median(cpu.flat).toFixed(0)} ms CPU; ratio ${ratioWall.toFixed(2)}× wall, ${ratioCpu.toFixed(2)}× CPU   target ≤ 3×`,
      );
    }
  } finally {
    await pool.close();
  }
  return out;
}

if (require.main === module) {
  console.log(`hostile feeds: depth ${DEPTH}, ${ROUNDS} interleaved rounds per pair, through the parse pool`);
  measureHostileFeeds()
    .then((rows) => rows.forEach((r) => console.log(r)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
