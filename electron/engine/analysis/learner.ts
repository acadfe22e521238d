/**
 * A small online logistic regression over sparse named features (hashed-free: feature names are
 * kept so each learned weight can be shown to the analyst). Used to learn from analyst verdicts
 * on infox suspicions; pure, serialisable to JSON for the settings table.
 */

/** Serializable model state. */
export interface LogisticModel {
  weights: Record<string, number>;
  bias: number;
  /** Number of training examples seen. */
  seen: number;
}

/** A new, empty model. */
export function createModel(): LogisticModel {
  return { weights: {}, bias: 0, seen: 0 };
}

/** Probability of the positive class for a feature map. */
export function predict(model: LogisticModel, features: ReadonlyMap<string, number>): number {
  let z = model.bias;
  for (const [k, v] of features) z += (model.weights[k] ?? 0) * v;
  return 1 / (1 + Math.exp(-z));
}

/** Per-feature contributions to the log-odds, largest magnitude first. */
export function explain(model: LogisticModel, features: ReadonlyMap<string, number>): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const [k, v] of features) {
    const w = model.weights[k];
    if (w) out.push([k, w * v]);
  }
  return out.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
}

/** Training options. */
export interface TrainOptions {
  /** Learning rate. Default 0.1. */
  rate?: number;
  /** L2 penalty. Default 1e-4. */
  l2?: number;
  /** Passes over the data. Default 8. */
  epochs?: number;
}

/** Trains (or continues training) on labelled examples by stochastic gradient descent. */
export function train(
  model: LogisticModel,
  examples: ReadonlyArray<{ features: ReadonlyMap<string, number>; label: boolean }>,
  options: TrainOptions = {},
): LogisticModel {
  const rate = options.rate ?? 0.1,
    l2 = options.l2 ?? 1e-4,
    epochs = options.epochs ?? 8;
  for (let e = 0; e < epochs; e++) {
    for (const ex of examples) {
      const g = (ex.label ? 1 : 0) - predict(model, ex.features);
      model.bias += rate * g;
      for (const [k, v] of ex.features) {
        const w = model.weights[k] ?? 0;
        model.weights[k] = w + rate * (g * v - l2 * w);
      }
    }
  }
  model.seen += examples.length;
  return model;
}
