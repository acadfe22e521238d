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

const f = (x: number) => x.toFixed(3);
const line = (s: string) => process.stdout.write(s + '\n');

const gb = measureGoogleNewsBatch();
line(
  `stories googlenews batch (vigie cluster): B-cubed F1 ${f(gb.f1)} (P ${f(gb.precision)} R ${f(gb.recall)}) ARI ${f(gb.ari)} NMI ${f(gb.nmi)}; halves ${gb.halves.map(f).join(' / ')} [target F1 >= 0.90; ${gb.n} titles]`,
);
const gs = measureGoogleNewsStream();
line(
  `stories googlenews streamed (ingest index, shuffled): B-cubed F1 ${f(gs.f1)} (P ${f(gs.precision)} R ${f(gs.recall)}) ARI ${f(gs.ari)} NMI ${f(gs.nmi)}; halves ${gs.halves.map(f).join(' / ')}`,
);
const ga = measureGoogleNewsAnalyze();
line(
  `stories googlenews rebuilt by vigie analyze (database, pipeline): B-cubed F1 ${f(ga.f1)} (P ${f(ga.precision)} R ${f(ga.recall)}) ARI ${f(ga.ari)} NMI ${f(ga.nmi)}; halves ${ga.halves.map(f).join(' / ')}`,
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
