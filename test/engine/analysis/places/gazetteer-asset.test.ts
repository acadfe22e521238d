/** The committed gazetteer asset is what scripts/build-gazetteer.ts builds from the pinned package. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildGazetteerText } from '../../../../scripts/build-gazetteer';
import { gazetteer } from '../../../../electron/engine/analysis/places';

const ASSET = path.resolve(__dirname, '../../../../assets/geo/gazetteer.tsv.gz');

describe('gazetteer asset', () => {
  it('equals a fresh build from @etalab/decoupage-administratif (run npx tsx scripts/build-gazetteer.ts)', () => {
    const committed = zlib.gunzipSync(fs.readFileSync(ASSET)).toString('utf8');
    expect(committed === buildGazetteerText()).toBe(true);
    expect(fs.statSync(ASSET).size).toBeLessThan(600_000);
    expect(committed).toContain('Licence Ouverte');
  });

  it('holds every current commune, département and région with its INSEE code', () => {
    const g = gazetteer();
    expect(g.communes.size).toBeGreaterThan(34_000);
    expect(g.departements.get('2A')?.name).toBe('Corse-du-Sud');
    expect(g.departements.get('974')?.name).toBe('La Réunion');
    expect(g.regions.get('53')?.name).toBe('Bretagne');
    expect(g.communes.get('97411')).toMatchObject({ name: 'Saint-Denis', departements: ['974'], region: '04' });
    expect(g.communes.get('2B033')).toMatchObject({ name: 'Bastia', departements: ['2B'], region: '94' });
  });
});
