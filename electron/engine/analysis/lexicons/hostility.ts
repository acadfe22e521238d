/**
 * Hostile vocabulary, written for Vigie (not derived from research lexicons). Entries are
 * accent-folded; a trailing `*` matches any ending ("connard*" → connards, connarde).
 * Weights: 3 = insult or slur, 2 = dehumanising or violent, 1 = contemptuous.
 */
const INSULTS = `connard* connasse* conard* conasse* konar* conne cons con abruti* debile* attarde* mongol* cretin* imbecile* idiot*
salope* salop salaud* salo pute* putain* ptn enfoire* encule* enkule* batard* batar btrd ordure* raclure* pourriture* fumier* merdeux* merde merdasse* merdique*
pd pede* tapette* gouine* negro* negre* bougnoul* bicot* youpin* chintok* bamboula* boloss* bouffon* guignol*
clown* tocard* minable* pauvre-con grognasse* petasse* pouffiasse* salopard* charogne* trouduc* trou-du-cul sac-a-merde tete-de-con
tg ftg ntm ntr fdp vtff vtf nique niques niquer niquez niquent niquee niker nik encul* couille* bite clodo* clochard* pouilleu* cochonne* chienne* chien-de
baltringue* cassos* beauf* fils-de-pute crevure* cloporte* sous-merde* gogol* triso* autiste* teube* debilos mongolo* golmon*
neuneu* bolos* cervelle-de-moineau fuck fucking bitch* motherfuck* stfu tare taree tares tarees degenere* consanguin*
blaireau* enflure* ducon tete-de-noeud lopette* tafiole* chiennasse* garce* catin* mal-baise* sous-race* sous-homme* ta-race`;

// Slang or slurs that designate a group by origin, religion or sexuality: in a post they mark
// the hostile register much more often than the neutral word would.
const GROUP_SLURS = `bougnoul* bicot* raton* crouille* niakou* chinetoqu* ching chong brides bridee bridees yeux-brides youpin* boucaque* bamboula* negro*
negre* negresse* macaque* romano* tarlouze* tantouze* fiotte* pede* gouine* travelo* muzz* mahometan* sarrasin*`;

// Verlan and slang names of groups (rebeu, renoi, feuj, babtou…): young speakers use them for
// themselves and their friends as often as with contempt, so they mark the register, not an insult.
const GROUP_SLANG = `rebeu* reubeu* renoi* renois beurette* feuj* babtou* toubab* gitan* manouche* islamo*`;

const DEHUMANISING = `vermine* racaille* envahisseur* remplacement grand-remplacement islamisation* butez tuez pendez brulez
exterminez ferme-la fermez-la ta-gueule gueule rentrez degagez rentre-chez-toi rentrez-chez-vous retourne-dans-ton-pays
retournez-dans-votre-pays retourne-chez-toi retournez-chez-vous lobby-juif lobby-sioniste lobby-gay lobby-homosexuel lobby-lgbt`;

// Words that dehumanise or threaten only when aimed at people ("ces rats", "comme des animaux",
// "dehors les …"); news uses them literally ("variole du singe", "en dehors de", "invasion russe").
const DEHUMANISING_IF_AIMED = `parasite* cafard* rat rats singe singes porc porcs truie* animal animaux sauvage* barbare* sanguinaire*
invasion colonisation deportation* deporter expulse expulser expulsez crever creve buter tuer pendre bruler exterminer
eradiquer degage dehors chasser`;

const CONTEMPT = `honte honteux honteuse ridicule* pathetique* lamentable* nul nuls nulle degueulasse* degoutant* immonde*
abject* infame* mepris* mepriser pitoyable* scandale* scandaleu* odieu* ignoble* minable gerbe gerber vomir
gauchiste* gauchiasse* islamo-gauchiste* fachos facho fasciste* nazi* collabo* traitre* islamiste* terroriste*
jihadiste* djihadiste* bobo* woke wokiste* feminazi* clandestin* illegaux salement mdr* ptdr* lol`;

function parse(list: string, weight: number): Array<[string, number]> {
  return list
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => [w.replace(/-/g, ' '), weight] as [string, number]);
}

/** [pattern, weight] pairs: exact words, `*` prefixes, or multi-word phrases (space-separated). */
export const HOSTILE_TERMS: ReadonlyArray<[string, number]> = [
  ...parse(INSULTS, 3),
  ...parse(GROUP_SLURS, 3),
  ...parse(GROUP_SLANG, 1),
  ...parse(DEHUMANISING, 2),
  ...parse(DEHUMANISING_IF_AIMED, 2),
  ...parse(CONTEMPT, 1),
  ['sale', 2],
  ['sales', 2],
];

/** The words above that count only near a person or a group (see DEHUMANISING_IF_AIMED). */
export const IF_AIMED: ReadonlyArray<[string, number]> = parse(DEHUMANISING_IF_AIMED, 1);

/** Nouns naming groups by origin, religion, sexuality or status (neutral words, folded). */
export const GROUP_NOUNS: ReadonlySet<string> = new Set(
  `arabe arabes musulman musulmans musulmane musulmanes juif juifs juive juives
noir noirs noire noires blanc blancs migrant migrants immigre immigres immigres refugie refugies etranger etrangers africain
africains africaines maghrebin maghrebins chinois asiatique asiatiques roms rom gitans homosexuel homosexuels homos gays gay
lesbiennes trans islam islamistes musulmanes feministes gauchistes clandestins`
    .split(/\s+/)
    .filter(Boolean),
);
