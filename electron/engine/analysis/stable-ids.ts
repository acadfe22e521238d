/**
 * Keeping story and topic ids across a rebuild or a re-clustering: a story URL must keep naming
 * the same story after `vigie analyze`. Each previous id goes to the new group that holds most of
 * its items (ties to the smaller group label), and a group takes, of the ids it owns so, the one
 * with the most items; a group owning none gets a fresh id.
 */

/** For each group label, the previous id it keeps (groups absent keep none). */
export function keptIds(
  groups: ReadonlyMap<number, readonly number[]>,
  previous: ReadonlyMap<number, number>,
  taken: ReadonlySet<number> = new Set(),
): Map<number, number> {
  // count[prevId] → Map<group, items>
  const count = new Map<number, Map<number, number>>();
  for (const [g, members] of groups)
    for (const item of members) {
      const p = previous.get(item);
      if (p === undefined || taken.has(p)) continue;
      let m = count.get(p);
      if (!m) count.set(p, (m = new Map()));
      m.set(g, (m.get(g) ?? 0) + 1);
    }
  // Owner of each previous id, and what it brings to it.
  const offers = new Map<number, Array<[number, number]>>();
  for (const [p, m] of count) {
    let best = -1,
      bestN = 0;
    for (const [g, n] of m) if (n > bestN || (n === bestN && g < best)) [best, bestN] = [g, n];
    (offers.get(best) ?? offers.set(best, []).get(best)!).push([p, bestN]);
  }
  const out = new Map<number, number>();
  for (const [g, list] of offers) {
    list.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    out.set(g, list[0]![0]);
  }
  return out;
}
