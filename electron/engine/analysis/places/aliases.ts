/**
 * Names the official lists lack, written for Vigie from general knowledge (not from any data
 * set): islands, landmarks and short names that point to one place without doubt, former
 * régions (pre-2016, still in everyday use) as their départements, overseas short names,
 * demonyms of the largest cities and of the overseas territories, and the official names that
 * also name something else (a company, a foreign city, a State institution).
 */

/** What an alias points to: a commune, départements or a région (INSEE codes). */
export type AliasTarget = { commune: string } | { departements: string[] } | { region: string };

/** An alias: its name as written and its target; `common` when it is also an ordinary word. */
export interface Alias {
  name: string;
  target: AliasTarget;
  common?: boolean;
}

const c = (name: string, commune: string, common = false): Alias => ({ name, target: { commune }, common });
const d = (name: string, departements: string[], common = false): Alias => ({
  name,
  target: { departements },
  common,
});
const r = (name: string, region: string, common = false): Alias => ({ name, target: { region }, common });

/** Islands, landmarks and short names of one place. */
export const PLACE_ALIASES: readonly Alias[] = [
  d('île de Ré', ['17']),
  d('Ré', ['17'], true),
  d("île d'Oléron", ['17']),
  d('Oléron', ['17']),
  c("île d'Aix", '17004'),
  d('Belle-Île', ['56']),
  c("île d'Yeu", '85113'),
  c('île de Groix', '56069'),
  c('Noirmoutier', '85163'),
  c('île de Sein', '29083'),
  c('île de Batz', '29082'),
  c('Porquerolles', '83069'),
  c('Port-Cros', '83069'),
  d('îles de Lérins', ['06']),
  c('Mont-Saint-Michel', '50353'),
  c('mont Saint-Michel', '50353'),
  d('baie de Somme', ['80']),
  d('Camargue', ['13']),
  d('Cotentin', ['50']),
  d('Pays basque', ['64']),
  d('Côte basque', ['64']),
  d('mont Blanc', ['74']),
  d('Mont-Blanc', ['74']),
  c('Chamonix', '74056'),
  c('Stade de France', '93066'),
  c('tour Eiffel', '75056'),
  c('Notre-Dame de Paris', '75056'),
  d('La Défense', ['92']),
  c('Roissy', '95527'),
  c('Cherbourg', '50129'),
  c('Charleville', '08105'),
  c('Lascaux', '24291'),
  d('Puy du Fou', ['85']),
  c('Cap-Ferret', '33236'),
  c('Cap Ferret', '33236'),
  d('calanques', ['13']),
  d('Côte-de-Nacre', ['14']),
  d('Touraine', ['37']),
  d('Beauce', ['28']),
  d('Périgord', ['24']),
  d('Béarn', ['64']),
  d('Vendée', ['85']),
  // Overseas short names.
  d('Réunion', ['974'], true),
  d('île de la Réunion', ['974']),
  d('Calédonie', ['988']),
  d('Polynésie', ['987']),
  d('Tahiti', ['987']),
  d('Saint-Barth', ['977']),
  d('Wallis-et-Futuna', ['986']),
  d('Kerguelen', ['984']),
  d('Antilles', ['971', '972']),
  // Former régions (2015 reform), as the départements they covered.
  d('Alsace', ['67', '68']),
  d('Lorraine', ['54', '55', '57', '88']),
  d('Champagne-Ardenne', ['08', '10', '51', '52']),
  d('Picardie', ['02', '60', '80']),
  d('Nord-Pas-de-Calais', ['59', '62']),
  d('Haute-Normandie', ['27', '76']),
  d('Basse-Normandie', ['14', '50', '61']),
  d('Franche-Comté', ['25', '39', '70', '90']),
  d('Bourgogne', ['21', '58', '71', '89']),
  d('Auvergne', ['03', '15', '43', '63']),
  d('Rhône-Alpes', ['01', '07', '26', '38', '42', '69', '73', '74']),
  d('Limousin', ['19', '23', '87']),
  d('Poitou-Charentes', ['16', '17', '79', '86']),
  d('Aquitaine', ['24', '33', '40', '47', '64']),
  d('Midi-Pyrénées', ['09', '12', '31', '32', '46', '65', '81', '82']),
  d('Languedoc-Roussillon', ['11', '30', '34', '48', '66']),
  d('Languedoc', ['11', '30', '34', '48']),
  r('Provence', '93'),
  r('PACA', '93'),
  r('Région Sud', '93'),
  r("Côte d'Azur", '93'),
  r('Ile de France', '11'),
  r('Centre-Val-de-Loire', '24'),
  r('Pays-de-la-Loire', '52'),
  // Demonyms of the largest cities and of the territories, as nouns or adjectives.
  ...demonyms('75056', ['parisien', 'parisienne', 'parisiens', 'parisiennes']),
  ...demonyms('13055', ['marseillais', 'marseillaise', 'marseillaises']),
  ...demonyms('69123', ['lyonnais', 'lyonnaise', 'lyonnaises']),
  ...demonyms('31555', ['toulousain', 'toulousaine', 'toulousains', 'toulousaines']),
  ...demonyms('06088', ['niçois', 'niçoise', 'niçoises']),
  ...demonyms('44109', ['nantais', 'nantaise', 'nantaises']),
  ...demonyms('67482', ['strasbourgeois', 'strasbourgeoise', 'strasbourgeoises']),
  ...demonyms('34172', ['montpelliérain', 'montpelliéraine', 'montpelliérains', 'montpelliéraines']),
  ...demonyms('33063', ['bordelais', 'bordelaise', 'bordelaises']),
  ...demonyms('59350', ['lillois', 'lilloise', 'lilloises']),
  ...demonyms('35238', ['rennais', 'rennaise', 'rennaises']),
  ...demonyms('29019', ['brestois', 'brestoise', 'brestoises']),
  ...demonyms('38185', ['grenoblois', 'grenobloise', 'grenobloises']),
  ...demonyms('42218', ['stéphanois', 'stéphanoise', 'stéphanoises']),
  ...demonyms('76351', ['havrais', 'havraise', 'havraises']),
  ...demonyms('83137', ['toulonnais', 'toulonnaise', 'toulonnaises']),
  ...demonyms('21231', ['dijonnais', 'dijonnaise', 'dijonnaises']),
  ...demonyms('51454', ['rémois', 'rémoise', 'rémoises']),
  ...demonyms('49007', ['angevin', 'angevine', 'angevins', 'angevines']),
  ...demonyms('2A004', ['ajaccien', 'ajaccienne', 'ajacciens', 'ajacciennes']),
  ...demonyms('2B033', ['bastiais', 'bastiaise', 'bastiaises']),
  ...demonymsOf({ departements: ['974'] }, ['réunionnais', 'réunionnaise', 'réunionnaises']),
  ...demonymsOf({ departements: ['971'] }, ['guadeloupéen', 'guadeloupéenne', 'guadeloupéens', 'guadeloupéennes']),
  ...demonymsOf({ departements: ['972'] }, ['martiniquais', 'martiniquaise', 'martiniquaises']),
  ...demonymsOf({ departements: ['973'] }, ['guyanais', 'guyanaise', 'guyanaises']),
  ...demonymsOf({ departements: ['976'] }, ['mahorais', 'mahoraise', 'mahoraises']),
  ...demonymsOf({ departements: ['988'] }, ['calédonien', 'calédonienne', 'calédoniens', 'calédoniennes']),
  ...demonymsOf({ departements: ['987'] }, ['polynésien', 'polynésienne', 'polynésiens', 'polynésiennes']),
  ...demonymsOf({ region: '94' }, ['corse', 'corses']),
  ...demonymsOf({ region: '53' }, ['breton', 'bretonne', 'bretons', 'bretonnes']),
  ...demonymsOf({ departements: ['67', '68'] }, ['alsacien', 'alsacienne', 'alsaciens', 'alsaciennes']),
];

/** Demonyms are marked: they count only as adjectives or plural nouns, never as a person's name. */
function demonyms(commune: string, forms: string[]): Alias[] {
  return demonymsOf({ commune }, forms);
}
function demonymsOf(target: AliasTarget, forms: string[]): Alias[] {
  return forms.map((name) => ({ name, target, common: true, demonym: true }) as Alias);
}

/** True for an alias that is a demonym (matched in lower case, without capital evidence). */
export function isDemonym(a: Alias): boolean {
  return (a as Alias & { demonym?: boolean }).demonym === true;
}

/**
 * Official names that in national news mostly name a company or a product (Orange, Lagardère,
 * Hermès, Saint-Gobain, Vittel, Cognac…): they count only with a locative or administrative cue
 * ("à Orange", "maire d'Orange").
 */
export const OTHER_SENSE = new Set([
  'orange',
  'lagardere',
  'hermes',
  'saint gobain',
  'vittel',
  'evian',
  'volvic',
  'lacoste',
  'perrier',
  'cognac',
  'champagne',
  'camembert',
  'roquefort',
  'chablis',
  'laguiole',
  'margaux',
  'nancy',
  'lorraine',
  'hollande',
]);

/**
 * Names of foreign countries and cities, and of State institutions by their seat, that are also
 * French communes' (Suisse in Moselle, Vienne in Isère, Valence for València, Montréal in the
 * Aude, Matignon in the Côtes-d'Armor, la Défense): they count only with French context, a
 * département code or another place of the same département.
 */
export const NEEDS_CONTEXT = new Set([
  'suisse',
  'belgique',
  'allemagne',
  'espagne',
  'italie',
  'angleterre',
  'irlande',
  'ecosse',
  'canada',
  'quebec',
  'amerique',
  'afrique',
  'europe',
  'chine',
  'russie',
  'ukraine',
  'israel',
  'liban',
  'egypte',
  'maroc',
  'algerie',
  'tunisie',
  'senegal',
  'mali',
  'turquie',
  'grece',
  'portugal',
  'bresil',
  'mexique',
  'cuba',
  'perou',
  'chili',
  'vienne',
  'valence',
  'montreal',
  'florence',
  'venise',
  'milan',
  'naples',
  'turin',
  'cordoue',
  'seville',
  'lisbonne',
  'athenes',
  'londres',
  'berlin',
  'rome',
  'madrid',
  'moscou',
  'kiev',
  'geneve',
  'lausanne',
  'bruxelles',
  'washington',
  'jerusalem',
  'damas',
  'alger',
  'tunis',
  'dakar',
  'abidjan',
  'saint petersbourg',
  'matignon',
  'beauvau',
  'solferino',
  'segur',
  'vendome',
  'grenelle',
  'bercy',
  'brienne',
  'balard',
  'elysee',
  'la defense',
  'varennes',
]);

/** Département names that are also a sea or a direction ("la Manche" crossings, "le Nord" of a country): an administrative or locative cue is needed. */
export const FEATURE_NAMES = new Set(['nord', 'manche']);
