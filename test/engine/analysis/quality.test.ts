/**
 * Quality floors of the analysis on the shared datasets (the figures `npm run eval` prints).
 * Floors are set at what the code measurably reaches; where that is below the target
 * the gap is stated (googlenews F1 target 0.92, MLMA AUC target 0.85, Décodex held-out 0.95).
 */
import {
  measureDaccord,
  measureDecodex,
  measureGoogleNewsAnalyze,
  measureGoogleNewsBatch,
  measureGoogleNewsStream,
  measureMlma,
  measureTitleVariants,
} from '../../../scripts/eval/measures';
import { describeWithDatasets } from '../../helpers/datasets';

describeWithDatasets('analysis quality on ../shared/datasets', () => {
  it('clusters Google News headlines (batch, as `vigie cluster`): B-cubed F1 >= 0.85 (target 0.92), on each half by story >= 0.87, ARI, NMI', () => {
    const r = measureGoogleNewsBatch();
    expect(r.f1).toBeGreaterThanOrEqual(0.85);
    for (const f1 of r.halves) expect(f1).toBeGreaterThanOrEqual(0.87);
    expect(r.ari).toBeGreaterThanOrEqual(0.77);
    expect(r.nmi).toBeGreaterThanOrEqual(0.955);
  });

  it('clusters the same headlines streamed through the ingest index in a shuffled order: F1 >= 0.82, each half >= 0.85', () => {
    const r = measureGoogleNewsStream();
    expect(r.f1).toBeGreaterThanOrEqual(0.82);
    for (const f1 of r.halves) expect(f1).toBeGreaterThanOrEqual(0.85);
  });

  it('rebuilds the same headlines into stories through `vigie analyze` (database + pipeline, batch groups): F1 >= 0.845, each half >= 0.87', () => {
    const r = measureGoogleNewsAnalyze();
    expect(r.f1).toBeGreaterThanOrEqual(0.845);
    for (const f1 of r.halves) expect(f1).toBeGreaterThanOrEqual(0.87);
  });

  it('keeps Le Monde headline rewrites in their original story (>= 96 % streamed, >= 95 % batch)', () => {
    const r = measureTitleVariants();
    expect(r.variants).toBeGreaterThan(900);
    expect(r.streamRate).toBeGreaterThanOrEqual(0.96);
    expect(r.batchRate).toBeGreaterThanOrEqual(0.95);
  });

  it('ranks hostile MLMA tweets above normal ones: AUC >= 0.74, >= 0.75 without mixed labels, and no lower through vigie score (target 0.85; a 5-fold bag-of-words logistic model on top of the rules reaches 0.77 on these labels)', () => {
    const r = measureMlma();
    expect(r.auc).toBeGreaterThanOrEqual(0.74);
    expect(r.strictAuc).toBeGreaterThanOrEqual(0.75);
    expect(r.scoreAuc).toBeGreaterThanOrEqual(r.auc - 0.005);
  });

  it('separates Décodex unreliable sites from Le Monde with identical texts: listed AUC >= 0.99, held-out sites >= 0.95 on every fold seed', () => {
    const r = measureDecodex();
    expect(r.listed).toBeGreaterThanOrEqual(0.99);
    expect(r.heldOutMin).toBeGreaterThanOrEqual(0.95);
  });

  it('matches an AFP fact-check premise to its own claim rather than another (DACCORD AUC >= 0.98)', () => {
    expect(measureDaccord().auc).toBeGreaterThanOrEqual(0.98);
  });
});
