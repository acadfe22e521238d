/** Charset detection on real charset traps (Miniflux, feedparser encoding suite). */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { decodeFeedBytes } from '../../../electron/engine/ingest/decode';
import { parseFeed } from '../../../electron/engine/ingest/parse-feed';
import { datasetPath, describeWithDatasets, testWithDatasets } from '../../helpers/datasets';

const minifluxFile = (rel: string) => fs.readFileSync(datasetPath('miniflux-testdata/internal/reader', rel));

describeWithDatasets('decodeFeedBytes on the Miniflux charset files', () => {
  it.each([
    ['encoding/testdata/windows-1252-incorrect-prolog.xml', 'Euro €'],
    ['encoding/testdata/windows-1252.xml', 'Euro €'],
    ['encoding/testdata/iso-8859-1.xml', 'Café'],
    ['encoding/testdata/koi8r.xml', 'Пример RSS ленты'],
    ['encoding/testdata/utf8-incorrect-prolog.xml', '테스트 피드'],
    ['encoding/testdata/invalid-prolog.xml', '테스트 피드'],
    ['xml/testdata/iso88591.xml', 'Anaïs'],
    ['xml/testdata/iso88591_utf8_mismatch.xml', 'Anaïs'],
    ['parser/testdata/encoding_WINDOWS-1251.xml', 'Цитата'],
    ['parser/testdata/no_encoding_ISO-8859-1.xml', 'Flux RSS du magazine de psychologie'],
  ])('decodes %s without U+FFFD', (rel, expected) => {
    const { text } = decodeFeedBytes(minifluxFile(rel));
    expect(text).toContain(expected);
    expect(text).not.toContain('\uFFFD');
  });
});

describe('decodeFeedBytes', () => {
  it('uses the HTTP charset for non-UTF-8 bytes and reports it', () => {
    const bytes = iconv.encode('<rss><channel><title>Пример</title></channel></rss>', 'koi8-r');
    expect(decodeFeedBytes(bytes, 'application/rss+xml; charset="KOI8-R"')).toEqual({
      text: expect.stringContaining('Пример'),
      charset: 'koi8-r',
    });
  });

  it('lets valid UTF-8 win over a wrong HTTP label (publishers copy headers blindly)', () => {
    const bytes = Buffer.from('<rss><channel><title>Été « chaud »</title></channel></rss>', 'utf8');
    expect(decodeFeedBytes(bytes, 'text/xml; charset=iso-8859-1').text).toContain('Été « chaud »');
  });

  it('reads windows-1252 when UTF-8 is declared but the bytes are not UTF-8', () => {
    const bytes = iconv.encode(
      '<?xml version="1.0" encoding="utf-8"?><rss><channel><title>“Déjà” – 5 €</title></channel></rss>',
      'windows-1252',
    );
    const { text, charset } = decodeFeedBytes(bytes, 'text/xml; charset=utf-8');
    expect(text).toContain('“Déjà” – 5 €');
    expect(charset).toBe('windows-1252');
  });

  testWithDatasets('honours BOMs and sniffs BOM-less UTF-16/32 (feedparser encoding suite)', () => {
    const dir = datasetPath('feedparser-tests/tests/encoding');
    for (const name of [
      'utf-16le-bom.xml',
      'utf-16le.xml',
      'utf-16le-autodetect.xml',
      'utf-32be-bom.xml',
      'utf-32le.xml',
      'utf_16.xml',
      'u16.xml',
    ]) {
      const { text } = decodeFeedBytes(fs.readFileSync(path.join(dir, name)));
      expect(text).toMatch(/<(rss|feed|rdf:RDF)[\s>]/);
      expect(text).not.toContain('\uFFFD');
    }
  });

  testWithDatasets('decodes East Asian legacy charsets named in the declaration', () => {
    const dir = datasetPath('feedparser-tests/tests/encoding');
    expect(decodeFeedBytes(fs.readFileSync(path.join(dir, 'euc-kr.xml'))).text).toContain('\ub144');
  });

  // WHATWG Encoding Standard: every Latin-1 label means windows-1252, as in browsers; 0x92 is ’.
  it.each([
    'ISO-8859-1',
    'iso88591',
    'ISO_8859-1:1987',
    'csisolatin1',
    'ibm819',
    'cp819',
    'iso-ir-100',
    'l1',
    'US-ASCII',
  ])('decodes a document labelled %s as windows-1252 (declaration and HTTP header)', async (label) => {
    const bytes = iconv.encode(
      `<?xml version="1.0" encoding="${label}"?><rss><channel><title>don’t – 5 €</title></channel></rss>`,
      'windows-1252',
    );
    expect(decodeFeedBytes(bytes).text).toContain('don’t – 5 €');
    expect(decodeFeedBytes(bytes, `text/xml; charset=${label}`).charset).toBe('windows-1252');
    const feed = await parseFeed(bytes, { itemCache: false });
    expect(feed.title).toBe('don’t – 5 €');
  });

  it('follows the standard for other legacy labels (latin5 is windows-1254, gb2312 the gb18030 decoder)', () => {
    const turkish = iconv.encode('<rss><channel><title>€ ğ</title></channel></rss>', 'windows-1254');
    expect(decodeFeedBytes(turkish, 'text/xml; charset=latin5').text).toContain('€ ğ');
    const chinese = iconv.encode('<rss><channel><title>中文 €</title></channel></rss>', 'gb18030');
    expect(decodeFeedBytes(chinese, 'text/xml; charset=GB2312').text).toContain('中文 €');
  });

  it('falls back to iconv-lite names the standard lacks, and ignores unknown labels', () => {
    const wide = iconv.encode('<rss><channel><title>Été</title></channel></rss>', 'utf-32be');
    expect(decodeFeedBytes(wide, 'text/xml; charset=utf-32be').text).toContain('Été');
    const latin = iconv.encode('<rss><channel><title>Café’</title></channel></rss>', 'windows-1252');
    expect(decodeFeedBytes(latin, 'text/xml; charset=no-such-charset').text).toContain('Café’');
  });
});
