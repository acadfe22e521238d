/** Sensational and conspiratorial phrasing typical of infox, written for Vigie (folded text). */
export const SENSATIONAL_PATTERNS: ReadonlyArray<[RegExp, string, number]> = [
  [
    /partagez? (?:avant|vite|massivement|un maximum)|faites tourner|a partager d'urgence|avant (?:qu'?(?:il|elle)s? ne )?(?:soit|soient) (?:supprime|censure)/,
    'appel au partage',
    16,
  ],
  [
    /(?:les )?medias? (?:vous |nous )?(?:cachent|cache|taisent|ne (?:vous |nous )?(?:disent|diront) pas)|on (?:vous|nous) cache|ils ne veulent pas que (?:vous|nous) sachiez|ce qu'on ne vous dit pas/,
    'les médias vous cachent',
    18,
  ],
  [
    /reveillez[- ]vous|ouvrez les yeux|la verite (?:eclate|sur|cachee)|verite interdite|censure(?:e|s)? par|complot|plandemie|great reset|nouvel ordre mondial|grand remplacement/,
    'registre complotiste',
    14,
  ],
  [
    /\b(?:incroyable|choc|hallucinant|terrifiant|exclusif|urgent|alerte|scandale|bombe|fuite)\b/,
    'accroche sensationnelle',
    6,
  ],
  [/\b(?:100 ?%|garanti|prouve|preuve irrefutable|scientifiquement prouve)\b/, 'certitude affichée', 5],
];

/** Claims of an official document whose existence can be checked. */
export const OFFICIAL_CLAIM =
  /\b(?:arrete (?:prefectoral|municipal|ministeriel)|decret|communique officiel|circulaire|note (?:interne|confidentielle)|document officiel|instruction ministerielle|journal officiel)\b/;

/** Words by which fact-checkers label a claim as false. */
export const DEBUNK_WORDS =
  /\b(?:faux|fausse|infox|intox|rumeur|trompeur|trompeuse|detourne|hors contexte|n'a jamais|aucune preuve|dementi|dement|demente|dementent|desinformation|fake)\b/;
