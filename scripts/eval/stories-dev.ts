/** Development helper: the story figures only (npx tsx scripts/eval/stories-dev.ts). */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import {
  measureGoogleNewsAnalyze,
  measureGoogleNewsBatch,
  measureGoogleNewsStream,
  measureTitleVariants,
} from './measures';
const f = (x: number) => x.toFixed(3);
const gb = measureGoogleNewsBatch();
console.log(`batch F1 ${f(gb.f1)} P ${f(gb.precision)} R ${f(gb.recall)} halves ${gb.halves.map(f).join('/')}`);
const gs = measureGoogleNewsStream();
console.log(`stream F1 ${f(gs.f1)} P ${f(gs.precision)} R ${f(gs.recall)} halves ${gs.halves.map(f).join('/')}`);
if (!process.argv.includes('--quick')) {
  const ga = measureGoogleNewsAnalyze();
  console.log(`analyze F1 ${f(ga.f1)} P ${f(ga.precision)} R ${f(ga.recall)} halves ${ga.halves.map(f).join('/')}`);
  const tv = measureTitleVariants();
  console.log(`variants stream ${f(tv.streamRate)} batch ${f(tv.batchRate)}`);
}
