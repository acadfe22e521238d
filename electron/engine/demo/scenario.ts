/**
 * The demo workspace: a short, entirely fictional French crisis written for Vigie. A storm cuts
 * the island of Kervoal (Finistère) off the mainland; drinking water is contaminated; a FAKE
 * prefectoral decree ordering non-residents off the island circulates on social networks until
 * the prefecture and a fact-checker debunk it. Places, outlets and people are invented; URLs use
 * the reserved `.invalid` TLD so nothing is ever fetched. Times are hours before "now".
 */
import type { SourceType } from '../../../shared/types/domain';
import type { Engagement } from '../../../shared/types/feed';

/** One demo item. */
export interface DemoItem {
  /** Hours before "now"; 0 for the items that arrive live after loading (see liveAfterSec). */
  hoursAgo: number;
  /** Seconds after loading when a long-running engine stores this item (live updates demo). */
  liveAfterSec?: number;
  title: string;
  summary: string;
  content?: string;
  author?: string;
  engagement?: Engagement;
}

/** One demo source and its items. */
export interface DemoSource {
  slug: string;
  name: string;
  type: SourceType;
  reachWeight?: number;
  items: DemoItem[];
}

/** The scenario, source by source. */
export const DEMO_SOURCES: DemoSource[] = [
  {
    slug: 'prefecture-finistere',
    name: 'Préfecture du Finistère (démo)',
    type: 'official',
    items: [
      {
        hoursAgo: 30,
        title: 'Tempête Ciarane : vigilance orange vents violents sur le Finistère',
        summary:
          'Le préfet appelle à limiter les déplacements et suspend les liaisons maritimes vers les îles à partir de 18 heures.',
      },
      {
        hoursAgo: 20,
        title: 'Île de Kervoal : distribution d’eau en bouteilles après une contamination du réseau',
        summary:
          'Des analyses ont mis en évidence une contamination bactérienne du réseau d’eau potable de Kervoal. Une distribution gratuite de bouteilles est organisée à la mairie.',
      },
      {
        hoursAgo: 9,
        title: 'Démenti : aucun arrêté n’ordonne aux non-résidents de quitter Kervoal',
        summary:
          'Un faux arrêté préfectoral circule sur les réseaux sociaux. La préfecture rappelle qu’aucune évacuation n’est ordonnée et que ses arrêtés sont publiés uniquement au recueil des actes administratifs.',
      },
      {
        hoursAgo: 0,
        liveAfterSec: 45,
        title: 'Kervoal : point presse du préfet à 18 heures sur l’eau potable et les liaisons maritimes',
        summary:
          'Le préfet fera le point sur la situation sanitaire de l’île et rappellera qu’aucune évacuation n’est envisagée.',
      },
      {
        hoursAgo: 3,
        title: 'Kervoal : reprise partielle des liaisons maritimes et rétablissement progressif de l’eau potable',
        summary:
          'Les rotations reprennent ce matin ; l’eau du réseau reste impropre à la consommation jusqu’à nouvel ordre dans le quartier du port.',
      },
    ],
  },
  {
    slug: 'ministere-interieur',
    name: 'Ministère de l’Intérieur (démo)',
    type: 'official',
    items: [
      {
        hoursAgo: 18,
        title: 'Le ministre se rendra dans le Finistère auprès des sinistrés de la tempête Ciarane',
        summary:
          'Déplacement prévu demain à Brest puis sur l’île de Kervoal si les conditions de navigation le permettent.',
      },
      {
        hoursAgo: 6,
        title: 'Tempête Ciarane : le ministre annonce une enveloppe d’urgence pour les communes insulaires',
        summary:
          'Une aide exceptionnelle de 4 millions d’euros est débloquée pour les communes littorales et insulaires touchées.',
      },
    ],
  },
  {
    slug: 'le-quotidien',
    name: 'Le Quotidien national (démo)',
    type: 'press-national',
    reachWeight: 1,
    items: [
      {
        hoursAgo: 28,
        title: 'Tempête Ciarane : rafales à 150 km/h, des milliers de foyers privés d’électricité en Bretagne',
        summary: 'La tempête a frappé la pointe bretonne dans la nuit. Les îles sont coupées du continent.',
        engagement: { comments: 214 },
      },
      {
        hoursAgo: 16,
        title: 'À Kervoal, l’eau du robinet contaminée : les habitants inquiets, la mairie débordée',
        summary:
          'Sur l’île de Kervoal, coupée du continent depuis la tempête, la contamination du réseau d’eau potable inquiète. « On nous dit d’attendre », témoigne une habitante.',
        engagement: { comments: 389 },
      },
      {
        hoursAgo: 7,
        title: 'Faux arrêté d’évacuation de Kervoal : la préfecture porte plainte',
        summary:
          'Le document, qui imitait la mise en page officielle, ordonnait aux non-résidents de quitter l’île sous 24 heures. La préfecture a saisi le procureur.',
        engagement: { comments: 512 },
      },
      {
        hoursAgo: 2,
        title: 'Gestion de la tempête : l’opposition dénonce un « fiasco » et la lenteur de l’État',
        summary:
          'Des élus reprochent au ministère de l’Intérieur d’avoir tardé à acheminer l’eau potable sur les îles. Le gouvernement défend une « mobilisation totale ».',
        engagement: { comments: 845 },
      },
    ],
  },
  {
    slug: 'ouest-littoral',
    name: 'Ouest Littoral (démo)',
    type: 'press-regional',
    reachWeight: 0.7,
    items: [
      {
        hoursAgo: 27,
        title: 'Kervoal coupée du monde : la dernière vedette n’a pas pu partir',
        summary: 'Les liaisons maritimes sont suspendues, une centaine de visiteurs sont bloqués sur l’île.',
      },
      {
        hoursAgo: 19,
        title: 'Eau contaminée à Kervoal : ce que l’on sait',
        summary:
          'Une contamination bactérienne a été détectée après l’inondation de la station de pompage. Distribution de bouteilles à la mairie.',
      },
      {
        hoursAgo: 10,
        title: 'Kervoal : un arrêté d’évacuation des non-résidents ? La préfecture dément',
        summary:
          'Un document présenté comme un arrêté du préfet a été massivement partagé ce matin. Il s’agit d’un faux, selon la préfecture.',
      },
      {
        hoursAgo: 4,
        title: 'À Kervoal, les commerçants redoutent la fin de saison après la tempête',
        summary:
          'Hôtels vidés, réservations annulées : l’économie de l’île accuse le coup, la rumeur d’évacuation n’a rien arrangé.',
      },
    ],
  },
  {
    slug: 'info-24',
    name: 'Info 24 (démo)',
    type: 'tv',
    items: [
      {
        hoursAgo: 26,
        title: 'VIDÉO. Tempête Ciarane : les images impressionnantes des vagues sur la côte finistérienne',
        summary: 'Nos équipes sur place à la pointe du Raz.',
        engagement: { views: 180_000 },
      },
      {
        hoursAgo: 8,
        title: 'Rumeur d’évacuation de Kervoal : comment le faux arrêté s’est propagé',
        summary:
          'Partagé plusieurs milliers de fois en quelques heures, le faux document a semé la panique chez les visiteurs.',
        engagement: { views: 95_000 },
      },
    ],
  },
  {
    slug: 'radio-armor',
    name: 'Radio Armor (démo)',
    type: 'radio',
    items: [
      {
        hoursAgo: 15,
        title: 'Le maire de Kervoal : « Nous manquons d’eau, pas de sang-froid »',
        summary: 'Invité de la matinale, le maire appelle au calme et demande des renforts pour la distribution d’eau.',
      },
      {
        hoursAgo: 5,
        title: 'Tempête : la colère monte contre la gestion de l’État sur les îles',
        summary: 'Au micro de Radio Armor, des habitants de Kervoal disent se sentir « abandonnés » par l’État.',
      },
    ],
  },
  {
    slug: 'mastodon-kervoal',
    name: 'Mastodon #Kervoal (démo)',
    type: 'social',
    reachWeight: 0.4,
    items: [
      {
        hoursAgo: 12,
        author: '@breizh_alerte',
        title: 'URGENT ⚠️ Arrêté préfectoral : tous les non-résidents doivent quitter l’île de Kervoal sous 24h !!',
        summary:
          'ARRÊTÉ N°2024-KRV-17 : « Les personnes non domiciliées sur l’île de Kervoal sont tenues de quitter le territoire de la commune sous 24 heures. Les contrevenants s’exposent à une amende de 1 500 €. » Partagez avant que ce soit supprimé !!! Ils veulent vider l’île et on ne nous dit rien.',
        engagement: { shares: 4200, comments: 610 },
      },
      {
        hoursAgo: 11,
        author: '@marin_du_port',
        title: 'On nous cache la vérité sur l’eau de Kervoal, l’évacuation est déjà prévue',
        summary:
          'Des amis à la mairie confirment : l’arrêté d’évacuation est bien réel, ils attendent juste le départ des journalistes. Scandale ! Partagez !',
        engagement: { shares: 1300, comments: 240 },
      },
      {
        hoursAgo: 8,
        author: '@kervoal_officiel_info',
        title: 'Le ministère savait pour l’eau contaminée depuis une semaine',
        summary:
          'Selon une source anonyme, le ministère aurait été prévenu avant la tempête. Aucune preuve, mais tout le monde le dit ici.',
        engagement: { shares: 900, comments: 150 },
      },
      {
        hoursAgo: 0,
        liveAfterSec: 20,
        author: '@breizh_alerte',
        title: 'Ils démentent mais les bateaux sont pleins : l’évacuation de Kervoal a bien commencé',
        summary:
          'Photos du port ce matin : tout le monde part. Le démenti de la préfecture ne trompe personne. Partagez !',
        engagement: { shares: 800, comments: 120 },
      },
      {
        hoursAgo: 6,
        author: '@gwen_kervoal',
        title: 'Habitante de Kervoal : l’arrêté qui circule est faux, la mairie l’a confirmé',
        summary:
          'Merci de ne plus partager le faux arrêté, les visiteurs paniquent pour rien. Les bateaux reprennent demain selon la mairie.',
        engagement: { shares: 350, comments: 40 },
      },
    ],
  },
  {
    slug: 'les-verificateurs',
    name: 'Les Vérificateurs (démo)',
    type: 'factcheck',
    items: [
      {
        hoursAgo: 7.5,
        title: 'Non, la préfecture n’a pas ordonné aux non-résidents de quitter l’île de Kervoal',
        summary:
          'Le « arrêté n°2024-KRV-17 » qui circule est un faux : numérotation inexistante, signature d’un préfet qui n’est plus en poste, et aucune publication au recueil des actes administratifs. FAUX.',
        content:
          '<p>Le document partagé depuis ce matin reprend la mise en page des arrêtés préfectoraux, mais :</p><ul><li>sa numérotation ne correspond à aucun acte publié ;</li><li>il est signé d’un préfet parti en 2022 ;</li><li>la préfecture a publié un démenti.</li></ul><p><strong>Verdict : FAUX.</strong></p>',
      },
    ],
  },
];
