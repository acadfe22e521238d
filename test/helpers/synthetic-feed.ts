/** A synthetic French feed for pipeline tests that need no dataset: N items on N/4 distinct stories. */
import type { Feed } from '../../shared/types/feed';

const PLACES = ['Brest', 'Rennes', 'Lyon', 'Nantes', 'Lille', 'Metz', 'Nice', 'Pau', 'Tours', 'Caen', 'Dijon', 'Albi'];
const TOPICS = [
  'ferme la plage après une pollution',
  'interdit la manifestation des agriculteurs',
  'ordonne l’évacuation du quartier inondé',
  'suspend le marché après des violences',
  'annonce un couvre-feu pour les mineurs',
  'réquisitionne les pompiers volontaires',
];

/** N items from number `start`; items 4k..4k+3 retell the same story, minutes apart, before `now`. */
export function syntheticFeed(n: number, start: number, now: Date): Feed {
  const items = Array.from({ length: n }, (_, j) => {
    const i = start + j;
    const story = Math.floor(i / 4);
    const place = PLACES[story % PLACES.length];
    const topic = TOPICS[Math.floor(story / PLACES.length) % TOPICS.length];
    const t = new Date(now.getTime() - (n - j) * 60_000).toISOString();
    return {
      guid: `urn:synthetic:${i}`,
      title: `${['', 'Vidéo : ', 'Direct : ', 'Polémique : '][i % 4]}à ${place}, le préfet ${topic} (${story})`,
      link: `https://presse.example.fr/${story}/${i}`,
      published: t,
      updated: null,
      authors: [],
      categories: [],
      summary: `Le préfet de ${place} ${topic}. Les élus dénoncent une décision « scandaleuse » (dossier ${story}).`,
      content: null,
      enclosures: [],
    };
  });
  return {
    format: 'rss',
    title: 'Presse synthétique',
    link: 'https://presse.example.fr/',
    description: null,
    language: 'fr',
    published: null,
    updated: null,
    authors: [],
    categories: [],
    items,
  };
}
