/** Quality metrics for the analysis evaluation: clustering (B-cubed, ARI, NMI) and ranking (AUC). */

/** B-cubed precision, recall and F1 of predicted labels against gold labels. */
export function bcubed(
  gold: readonly (string | number)[],
  pred: readonly (string | number)[],
): { precision: number; recall: number; f1: number } {
  const byGold = new Map<string | number, number[]>();
  const byPred = new Map<string | number, number[]>();
  gold.forEach((g, i) => {
    (byGold.get(g) ?? byGold.set(g, []).get(g)!).push(i);
  });
  pred.forEach((p, i) => {
    (byPred.get(p) ?? byPred.set(p, []).get(p)!).push(i);
  });
  let p = 0,
    r = 0;
  for (let i = 0; i < gold.length; i++) {
    const pc = byPred.get(pred[i]!)!,
      gc = byGold.get(gold[i]!)!;
    let both = 0;
    for (const j of pc) if (gold[j] === gold[i]) both++;
    p += both / pc.length;
    r += both / gc.length;
  }
  p /= gold.length;
  r /= gold.length;
  return { precision: p, recall: r, f1: (2 * p * r) / (p + r || 1) };
}

function contingency(gold: readonly (string | number)[], pred: readonly (string | number)[]) {
  const table = new Map<string, number>(),
    a = new Map<string | number, number>(),
    b = new Map<string | number, number>();
  gold.forEach((g, i) => {
    const p = pred[i]!;
    const key = `${g}\u0000${p}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    a.set(g, (a.get(g) ?? 0) + 1);
    b.set(p, (b.get(p) ?? 0) + 1);
  });
  return { table, a, b, n: gold.length };
}

/** Adjusted Rand index. */
export function adjustedRand(gold: readonly (string | number)[], pred: readonly (string | number)[]): number {
  const { table, a, b, n } = contingency(gold, pred);
  const c2 = (x: number) => (x * (x - 1)) / 2;
  let index = 0,
    sa = 0,
    sb = 0;
  for (const v of table.values()) index += c2(v);
  for (const v of a.values()) sa += c2(v);
  for (const v of b.values()) sb += c2(v);
  const expected = (sa * sb) / c2(n);
  const max = (sa + sb) / 2;
  return (index - expected) / (max - expected || 1);
}

/** Normalised mutual information (arithmetic mean normalisation). */
export function nmi(gold: readonly (string | number)[], pred: readonly (string | number)[]): number {
  const { table, a, b, n } = contingency(gold, pred);
  const h = (m: Map<string | number, number>) => {
    let s = 0;
    for (const v of m.values()) s -= (v / n) * Math.log(v / n);
    return s;
  };
  let mi = 0;
  for (const [key, v] of table) {
    const [g, p] = key.split('\u0000');
    const ga = [...a.entries()].find(([k]) => String(k) === g)![1];
    const pb = [...b.entries()].find(([k]) => String(k) === p)![1];
    mi += (v / n) * Math.log((n * v) / (ga * pb));
  }
  const denom = (h(a) + h(b)) / 2;
  return denom === 0 ? 1 : mi / denom;
}

/** ROC AUC (probability a positive outranks a negative; ties count half). */
export function auc(scores: readonly number[], labels: readonly boolean[]): number {
  const idx = scores.map((s, i) => [s, labels[i] ? 1 : 0] as const).sort((x, y) => x[0] - y[0]);
  let rankSum = 0,
    pos = 0,
    i = 0;
  while (i < idx.length) {
    let j = i;
    while (j < idx.length && idx[j]![0] === idx[i]![0]) j++;
    const avgRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++)
      if (idx[k]![1]) {
        rankSum += avgRank;
        pos++;
      }
    i = j;
  }
  const neg = idx.length - pos;
  if (pos === 0 || neg === 0) return 0.5;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
