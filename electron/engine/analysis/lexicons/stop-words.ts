/** French function words ignored by clustering (our own list, accent-folded). */
const WORDS = `
a au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le les leur leurs lui
ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes
toi ton tu un une vos votre vous y ete etre avoir ai as avons avez ont avait avaient sera seront serait
est sont etait etaient fait faire fais font plus moins tres trop peu tout tous toute toutes comme
apres avant depuis pendant entre sans sous chez vers contre selon alors aussi ainsi donc car ni or
si non oui deja encore toujours jamais ici la-bas cela ca ceci celui celle ceux celles dont ou quand
comment pourquoi quel quelle quels quelles quoi lors face fin pres dont d l s c j m n t qu jusqu
va vont peut peuvent doit doivent dit selon veut sont ont a-t-il est-ce apres-midi hier aujourd hui
demain ans an fois deux trois nouveau nouvelle nouveaux nouvelles premier premiere grand grande
`;

/** Accent-folded French stop words. */
export const FRENCH_STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

/** Calendar words: kept, but weak evidence that two headlines tell the same story. */
export const WEAK_WORDS: ReadonlySet<string> = new Set(
  `lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet aout septembre
  octobre novembre decembre matin soir nuit semaine mois annee week-end direct video photos info infos actualite
  ce cette`
    .split(/\s+/)
    .filter(Boolean),
);
