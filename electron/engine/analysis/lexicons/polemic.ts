/** Polemic and accusation vocabulary, written for Vigie, accent-folded (`*` = any ending). */

/** Words of public controversy (weight 1 each). */
export const POLEMIC_TERMS = `polemique* controverse* scandale* tolle indignation* indigne* colere* fronde* grogne* bronca
outrage* accuse* accusation* denonce* denonciation* demission* demissionne* mensonge* menteur* ment mentent
bavure* violences-policieres abus* derive* derapage* faute* fiasco* echec* chaos scandaleux* censure*
dictature* repression* reprime* matraqu* gaze* nasse* manipul* complot* corrompu* corruption* magouill*
impunite* injustice* inadmissible* inacceptable* intolerable* irresponsable* incompetent* incompetence* mepris*
laxisme* laxiste* trahison* trahi* humiliation* humilie* boycott* greve* blocage* manif* emeute* revolte*`;

/** Accusation and questioning forms, as regular expressions over folded text. */
export const ACCUSATION_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:qui|pourquoi|comment|jusqu'?a quand)\b[^?]{0,80}\?/, 'question rhétorique'],
  [/\b(?:on nous ment|on vous ment|ils nous mentent|ils mentent|mensonge d'etat)\b/, 'accusation de mensonge'],
  [/\b(?:honte a|honte au|honte aux|c'est une honte|quelle honte)\b/, 'honte à'],
  [/\b(?:demission|degage|degagez|rendez des comptes|doit partir|doit demissionner)\b/, 'appel à la démission'],
  [/\b(?:couvre|couvrent|etouffe|etouffer|cache|cachent|dissimule)\b/, 'accusation de dissimulation'],
  [/!{2,}|\?{2,}|\?!|!\?/, 'ponctuation véhémente'],
];
