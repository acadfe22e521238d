/** Fixed wording of the brief in French (default) and English, and locale-aware formatting. */
import { DateTime } from 'luxon';
import type { SourceType } from '../../../shared/types/domain';
import type { BriefLang, InfoxStatus } from './types';

const FR = {
  title: 'Synthèse quotidienne',
  period: 'Période couverte',
  generated: 'Document généré le',
  toc: 'Sommaire',
  figures: 'Chiffres clés',
  total: 'Éléments collectés',
  sourceType: 'Type de source',
  count: 'Nombre',
  previous: 'Période précédente',
  change: 'Évolution',
  stories: 'Sujets distincts',
  alerts: 'Alertes diffusées',
  infoxReview: 'Infox en cours d’examen',
  top: 'À retenir',
  outlets: 'Médias',
  firstSeen: 'Première apparition',
  items: 'articles',
  virality: 'viralité',
  controversy: 'polémique',
  controversies: 'Polémiques et critiques visant le ministère',
  noControversy: 'Aucune polémique notable sur la période.',
  tone: 'Tonalité envers les entités suivies',
  entity: 'Entité',
  mentions: 'Mentions',
  meanTone: 'Tonalité moyenne',
  trend: 'Tendance',
  quotes: 'Citations',
  noTone: 'Aucune mention des entités suivies sur la période.',
  infox: 'Infox suspectées',
  noInfox: 'Aucune infox suspectée sur la période.',
  status: 'Statut',
  evidence: 'Éléments',
  factCheck: 'Vérification',
  selections: 'Sélections et notes des analystes',
  noSelections: 'Aucun élément signalé ou escaladé sur la période.',
  starred: 'signalé',
  escalated: 'escaladé',
  analysis: 'Analyse',
  charts: 'Graphiques',
  volumeChart: 'Volume par heure et par type de source',
  toneChart: 'Tonalité envers le ministère et les entités suivies',
  noData: 'Pas de données',
  annex: 'Annexe : sources suivies',
  source: 'Source',
  type: 'Type',
  health: 'État',
  lastError: 'Dernière erreur',
  lastSuccess: 'Dernier succès',
  owners: 'Propriétaires',
  noSources: 'Aucune source.',
  page: 'Page',
  of: 'sur',
  none: '—',
} as const;

/** A label key. */
export type LabelKey = keyof typeof FR;

const EN: Record<LabelKey, string> = {
  title: 'Daily brief',
  period: 'Period covered',
  generated: 'Generated on',
  toc: 'Contents',
  figures: 'Key figures',
  total: 'Items collected',
  sourceType: 'Source type',
  count: 'Count',
  previous: 'Previous period',
  change: 'Change',
  stories: 'Distinct stories',
  alerts: 'Alerts pushed',
  infoxReview: 'Infox under review',
  top: 'Key stories',
  outlets: 'Outlets',
  firstSeen: 'First seen',
  items: 'items',
  virality: 'virality',
  controversy: 'controversy',
  controversies: 'Controversies and criticism of the ministry',
  noControversy: 'No notable controversy in the period.',
  tone: 'Tone toward watched entities',
  entity: 'Entity',
  mentions: 'Mentions',
  meanTone: 'Mean tone',
  trend: 'Trend',
  quotes: 'Quotes',
  noTone: 'No mention of watched entities in the period.',
  infox: 'Suspected infox',
  noInfox: 'No suspected infox in the period.',
  status: 'Status',
  evidence: 'Evidence',
  factCheck: 'Fact-check',
  selections: 'Analyst selections and notes',
  noSelections: 'No starred or escalated item in the period.',
  starred: 'starred',
  escalated: 'escalated',
  analysis: 'Analysis',
  charts: 'Charts',
  volumeChart: 'Volume per hour by source type',
  toneChart: 'Tone toward the ministry and watched entities',
  noData: 'No data',
  annex: 'Annex: monitored sources',
  source: 'Source',
  type: 'Type',
  health: 'Health',
  lastError: 'Last error',
  lastSuccess: 'Last success',
  owners: 'Owners',
  noSources: 'No source.',
  page: 'Page',
  of: 'of',
  none: '—',
};

const TYPES: Record<BriefLang, Record<SourceType, string>> = {
  fr: {
    'press-national': 'Presse nationale',
    'press-regional': 'Presse régionale',
    tv: 'Télévision',
    radio: 'Radio',
    social: 'Réseaux sociaux',
    official: 'Institutionnel',
    factcheck: 'Vérification',
    web: 'Web',
  },
  en: {
    'press-national': 'National press',
    'press-regional': 'Regional press',
    tv: 'TV',
    radio: 'Radio',
    social: 'Social media',
    official: 'Official',
    factcheck: 'Fact-check',
    web: 'Web',
  },
};

const STATUS: Record<BriefLang, Record<InfoxStatus, string>> = {
  fr: { review: 'en cours d’examen', confirmed: 'confirmée', unfounded: 'écartée', debunked: 'démentie' },
  en: { review: 'under review', confirmed: 'confirmed', unfounded: 'unfounded', debunked: 'debunked' },
};

const HEALTH: Record<BriefLang, Record<'ok' | 'error' | 'paused' | 'disabled', string>> = {
  fr: { ok: 'OK', error: 'en erreur', paused: 'suspendue', disabled: 'désactivée' },
  en: { ok: 'OK', error: 'failing', paused: 'paused', disabled: 'disabled' },
};

/** Wording and formatting for one language. */
export interface Labels {
  lang: BriefLang;
  /** " : " in French (space before the colon), ": " in English. */
  colon: string;
  t(key: LabelKey): string;
  sourceType(type: SourceType): string;
  status(status: InfoxStatus): string;
  health(status: 'ok' | 'error' | 'paused' | 'disabled'): string;
  /** "jeudi 24 février 2022" in the zone. */
  longDate(iso: string, zone: string): string;
  /** "24/02/2022 07:00" in the zone. */
  dateTime(iso: string | null, zone: string): string;
  /** "+12 %" / "−5 %" / "nouveau". */
  change(now: number, before: number): string;
  /** Number with the locale's grouping ("5 000"). */
  number(n: number): string;
}

/** Wording for `lang`. */
export function labelsFor(lang: BriefLang = 'fr'): Labels {
  const dict: Record<LabelKey, string> = lang === 'en' ? EN : FR;
  const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
  const nf = new Intl.NumberFormat(locale);
  return {
    lang,
    colon: lang === 'fr' ? ' : ' : ': ',
    t: (key) => dict[key],
    sourceType: (type) => TYPES[lang][type] ?? type,
    status: (s) => STATUS[lang][s],
    health: (s) => HEALTH[lang][s],
    longDate: (iso, zone) =>
      DateTime.fromISO(iso, { zone })
        .setLocale(locale)
        .toFormat(lang === 'en' ? 'cccc d LLLL yyyy' : 'cccc d LLLL yyyy'),
    dateTime: (iso, zone) =>
      iso ? DateTime.fromISO(iso, { zone }).setLocale(locale).toFormat('dd/LL/yyyy HH:mm') : dict.none,
    change: (now, before) => {
      if (before === 0) return now === 0 ? '=' : lang === 'en' ? 'new' : 'nouveau';
      const pct = Math.round(((now - before) / before) * 100);
      // U+2212 minus and a narrow no-break space before % are the French typographic norm.
      return pct === 0 ? '=' : `${pct > 0 ? '+' : '\u2212'}${Math.abs(pct)}${lang === 'fr' ? '\u202f%' : '%'}`;
    },
    number: (n) => nf.format(n),
  };
}
