/** Language detection with the feed's declared language as a hint. */
import { detectLanguage, normalizeLanguageTag } from '../../../electron/engine/ingest/language';

describe('detectLanguage', () => {
  it('detects French and German body text', () => {
    expect(
      detectLanguage(
        'Les autorités ukrainiennes, par une habile utilisation des médias et des réseaux sociaux, ont pris le dessus sur la Russie.',
      ),
    ).toBe('fr');
    expect(
      detectLanguage(
        'Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Energiepreise senken soll.',
      ),
    ).toBe('de');
  });

  it('prefers a valid hint on short text, and returns null when unsure without one', () => {
    expect(detectLanguage('Guerre en Ukraine', 'fr-FR')).toBe('fr');
    expect(detectLanguage('Guerre en Ukraine')).toBeNull();
  });

  it('overrides a wrong hint when long text clearly disagrees', () => {
    expect(
      detectLanguage('The quick brown fox jumps over the lazy dog and then runs away into the forest quickly', 'fr'),
    ).toBe('en');
  });

  it('normalizes language tags', () => {
    expect(normalizeLanguageTag('en_US')).toBe('en');
    expect(normalizeLanguageTag('FR')).toBe('fr');
    expect(normalizeLanguageTag('xx-yy')).toBeNull();
  });
});
