/** Default watched targets (the State and its services); analysts extend them in settings. */

/** A watched target: a label and the folded words or phrases that name it. */
export interface WatchedTarget {
  label: string;
  /** Folded words or phrases; `*` = any ending. */
  patterns: string[];
}

/** Targets watched by default. */
export const DEFAULT_TARGETS: WatchedTarget[] = [
  { label: 'ministère', patterns: ['ministere*', 'beauvau', 'place beauvau'] },
  { label: 'ministre', patterns: ['ministre*', 'darmanin', 'nunez', 'retailleau'] },
  { label: 'gouvernement', patterns: ['gouvernement*', 'etat', 'executif', 'macron', 'elysee', 'matignon'] },
  {
    label: 'police',
    patterns: ['police*', 'policier*', 'flic*', 'keuf*', 'crs', 'bac', "forces de l'ordre", 'forces de l ordre'],
  },
  { label: 'gendarmerie', patterns: ['gendarmerie*', 'gendarme*'] },
  { label: 'préfecture', patterns: ['prefet*', 'prefete*', 'prefecture*', 'prefectora*', 'sous-prefe*'] },
];
