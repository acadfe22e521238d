/** `npm run eval`: every analysis quality figure on ../shared/datasets, one line each. */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import {
  measureDaccord,
  measureDecodex,
  measureGoogleNewsAnalyze,
  measureGoogleNewsBatch,
  measureGoogleNewsStream,
  measureLiar,
  measureMlma,
  measureTitleVariants,
} from './eval/measures';
import { parserLines } from './eval/parser-measures';
import {
  leMondeInvasionEvening,
  measureLeMondeUne,
  measureMainHeadlines,
  measureRebuildStability,
  measureRssCoverage,
  measureRssPersistence,
} from './eval/virality-measures';
import { measurePlaces } from './eval/places';
import { measureGoogleNewsIngest, measureGoogleNewsRandomHalves, measureUmbrellas } from './eval/story-measures';
import { measureHandChecks } from './eval/hand-checks';

const f = (x: number) => x.toFixed(3);
const line = (s: string) => process.stdout.write(s + '\n');

const gb = measureGoogleNewsBatch();
line(
  `stories googlenews batch (vigie cluster): B-cubed F1 ${f(gb.f1)} (P ${f(gb.precision)} R ${f(gb.recall)}) ARI ${f(gb.ari)} NMI ${f(gb.nmi)}; halves ${gb.halves.map(f).join(' / ')} [development set; target F1 >= 0.92 on this half; ${gb.n} titles]`,
);
const gs = measureGoogleNewsStream();
line(
  `stories googlenews streamed (ingest index, shuffled): B-cubed F1 ${f(gs.f1)} (P ${f(gs.precision)} R ${f(gs.recall)}) ARI ${f(gs.ari)} NMI ${f(gs.nmi)}; halves ${gs.halves.map(f).join(' / ')}`,
);
const ga = measureGoogleNewsAnalyze();
line(
  `stories googlenews rebuilt by vigie analyze (database, pipeline): B-cubed F1 ${f(ga.f1)} (P ${f(ga.precision)} R ${f(ga.recall)}) ARI ${f(ga.ari)} NMI ${f(ga.nmi)}; halves ${ga.halves.map(f).join(' / ')}`,
);
const rh = measureGoogleNewsRandomHalves();
line(
  `stories googlenews batch over ${rh.n} random halves by story (development set): F1 mean ${f(rh.mean)}, min ${f(rh.min)}, max ${f(rh.max)} [held-out half judged >= 0.86, goal 0.92]`,
);
const gi = measureGoogleNewsIngest();
line(
  `stories googlenews at ingest (database, 7 items per call): streamed ${f(gi.streamed)}, after the periodic re-clustering ${f(gi.reclustered)}`,
);
for (const h of measureHandChecks())
  line(
    `stories hand-checked ${h.set} ${h.day}: ${h.coherent} of ${h.judged} clusters coherent = ${f(h.share)} [target >= 0.85; ${h.stillMade} of them still made exactly; ${h.file}]`,
  );
const um = measureUmbrellas();
const u = (x: { inTopic: number; titles: number; share: number; events: number }) =>
  `${x.inTopic}/${x.titles} = ${f(x.share)} (${x.events} events)`;
line(
  `stories topics, share of an umbrella's titles in its one topic: pension reform 24 Jan 2023 ${u(um.pensions24)}, 28 Jan ${u(um.pensions28)}; Macron re-elected 24 Apr 2022 front pages ${u(um.reelection)}; Le Monde Ukraine 24 Feb 2022 ${u(um.ukraine)}`,
);
const tv = measureTitleVariants();
line(
  `stories lemonde titleVariants same story: streamed ${f(tv.streamRate)} of ${tv.variants} rewrites over ${tv.docs} docs; batch (2022-03) ${f(tv.batchRate)} of ${tv.batchVariants}`,
);
const ml = measureMlma();
line(
  `controversy MLMA hostile vs normal: AUC ${f(ml.auc)} [target >= 0.85; ${ml.n} tweets, ${ml.hostile} hostile]; without mixed labels ${f(ml.strictAuc)} [${ml.strictN} tweets]; as one vigie score batch ${f(ml.scoreAuc)}`,
);
const dx = measureDecodex();
line(
  `infox decodex unreliable vs Le Monde (same texts): AUC listed ${f(dx.listed)}, held-out sites ${f(dx.heldOut)} (fold seeds ${dx.heldOutBySeed.map(f).join(' / ')}: mean ${f(dx.heldOutMean)}, min ${f(dx.heldOutMin)}) [target >= 0.95; ${dx.unreliableSites} sites, ${dx.leMondeItems} items]`,
);
const dc = measureDaccord();
line(`infox debunk matching DACCORD (premise vs own claim / other claim): AUC ${f(dc.auc)} [${dc.pairs} pairs]`);
const lr = measureLiar();
line(`infox LIAR (English, text style only) false vs true: AUC ${f(lr.auc)} [${lr.n} statements]`);

// Virality: proxies of prominence (development figures: COHERENT_SIM was chosen on the first three).
const ties = (t: { tiedShare: number; worst: number }) =>
  `ties in top-20 stories ${f(t.tiedShare)} (worst ${t.worst} stories on one score)`;
const lu = measureLeMondeUne();
line(
  `virality lemonde 2022 une (vigie score per day, one outlet): AUC ${f(lu.auc)} [${lu.days} days, ${lu.items} items, ${lu.positives} on une; development]; ${ties(lu.ties)}`,
);
const rc = measureRssCoverage();
line(
  `virality rssTrends multi-outlet (in a rssTrends topic of >= 3 outlets, vigie score per day): AUC ${f(rc.auc)} [${rc.days} days, ${rc.items} items, ${rc.positives} covered; development]; ${ties(rc.ties)}`,
);
const mh = measureMainHeadlines();
line(
  `virality fr-headlines main headline vs other homepage headlines (24, 28 Jan 2023): AUC ${f(mh.auc)} [${mh.items} headlines, ${mh.positives} main; development]; ${ties(mh.ties)}`,
);
const rp = measureRssPersistence();
line(
  `virality rssTrends still in its feed next day (within outlet, Feb 2025): AUC ${f(rp.auc)} [${rp.days} days, ${rp.items} items; weak proxy: most feeds are not curated, staying mostly means publishing late]`,
);
const pl = measurePlaces();
line(
  `places départements (hand-labelled headlines, Le Monde + 14 outlets): held-out P ${f(pl.heldout.dep.precision)} R ${f(pl.heldout.dep.recall)} [${pl.heldout.n} headlines, not tuned on; target >= 0.85 / >= 0.85]; dev P ${f(pl.dev.dep.precision)} R ${f(pl.dev.dep.recall)} [${pl.dev.n}, tuned on]; régions held-out P ${f(pl.heldout.region.precision)} R ${f(pl.heldout.region.recall)}`,
);
void (async () => {
  const rb = await measureRebuildStability();
  line(
    `virality rebuild stability (Le Monde 20-26 Feb 2022 ingested, then vigie analyze): identical ${f(rb.identical)} of ${rb.items} items; among items whose story held the same earlier items ${f(rb.identicalSameStory)} [${rb.sameStory} items]`,
  );
  const ev = await leMondeInvasionEvening();
  line(
    `virality Le Monde evening of 24 Feb 2022, top stories: ${ev.top
      .slice(0, 3)
      .map((s) => `${s.virality} (${s.items} items) ${s.title.slice(0, 60)}`)
      .join(' | ')}`,
  );
  for (const l of await parserLines()) line(l);
})();
