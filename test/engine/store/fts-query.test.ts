import { openDatabase } from '../../../electron/engine/db/open';
import { toFtsQuery } from '../../../electron/engine/db/fts-query';

describe('toFtsQuery', () => {
  it('quotes every term and joins adjacent terms with AND', () => {
    expect(toFtsQuery('réforme retraites')).toEqual({ match: '("réforme" AND "retraites")', exclude: null });
  });

  it('supports OR / OU, NOT / -word, phrases, prefixes and groups', () => {
    expect(toFtsQuery('macron OR zelensky').match).toBe('("macron" OR "zelensky")');
    expect(toFtsQuery('macron OU zelensky').match).toBe('("macron" OR "zelensky")');
    expect(toFtsQuery('ukraine -russie').match).toBe('("ukraine" NOT "russie")');
    expect(toFtsQuery('ukraine NOT russie').match).toBe('("ukraine" NOT "russie")');
    expect(toFtsQuery('"guerre en ukraine"').match).toBe('"guerre en ukraine"');
    expect(toFtsQuery('« guerre en Ukraine »').match).toBe('"guerre en Ukraine"');
    expect(toFtsQuery('réfor*').match).toBe('"réfor"*');
    expect(toFtsQuery('(macron OR lepen) AND débat').match).toBe('(("macron" OR "lepen") AND "débat")');
    expect(toFtsQuery('titre:macron').match).toBe('title : "macron"');
  });

  it('turns a purely negative query into an exclusion', () => {
    expect(toFtsQuery('-sport')).toEqual({ match: null, exclude: '"sport"' });
    expect(toFtsQuery('')).toEqual({ match: null, exclude: null });
    expect(toFtsQuery('   ***  ()  ')).toEqual({ match: null, exclude: null });
  });

  it('never produces an FTS5 syntax error, whatever the input', () => {
    const db = openDatabase(':memory:');
    db.prepare(
      "INSERT INTO sources(name,url,type,created_at) VALUES ('s','https://s.fr/rss','web','2022-01-01T00:00:00Z')",
    ).run();
    db.prepare(
      "INSERT INTO items(source_id,title,fetched_at,content_hash) VALUES (1,'Guerre en Ukraine : NEAR la frontière','2022-01-01T00:00:00Z','h')",
    ).run();
    const hostile = [
      '"',
      '""',
      '"""',
      '(',
      ')',
      '((a',
      'a))',
      'NEAR(a b, 2)',
      'NEAR',
      'title:',
      ':',
      'title:"x',
      'x:y',
      'col:val',
      '{title summary}: x',
      '^ukraine',
      'a AND',
      'OR',
      'AND OR NOT',
      'NOT',
      '-',
      '--',
      '- -',
      '*',
      'a*b*',
      'ukr"aine',
      "l'ukraine",
      'a + b',
      '\\',
      '\u0000',
      'SELECT * FROM items; --',
      'a OR NOT b',
      '(NOT a)',
      'NOT NOT ukraine',
      '"unterminated phrase',
      'a '.repeat(2000),
      '('.repeat(500) + 'a',
      'a OR '.repeat(1000) + 'b',
      '-a '.repeat(1000),
      '🙂 guerre',
      'guerre\tukraine\nnear',
      'rank:1',
      'items_fts:guerre',
      'title : guerre',
    ];
    // Random garbage from the FTS5 operator alphabet.
    const alphabet = [
      '"',
      '(',
      ')',
      '*',
      ':',
      '^',
      '-',
      '+',
      ' ',
      'a',
      'é',
      'NEAR',
      'AND',
      'OR',
      'NOT',
      'title',
      ',',
      '{',
      '}',
    ];
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 500; i++) {
      let s = '';
      for (let j = 0; j < 1 + Math.floor(rnd() * 12); j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      hostile.push(s);
    }
    const stmt = (sql: string) => db.prepare(sql);
    for (const q of hostile) {
      const { match, exclude } = toFtsQuery(q);
      for (const m of [match, exclude]) {
        if (m === null) continue;
        expect(() => stmt('SELECT rowid FROM items_fts WHERE items_fts MATCH ?').all(m)).not.toThrow();
      }
    }
    // Operators typed as words are searched as words.
    const near = toFtsQuery('NEAR').match!;
    expect(stmt('SELECT rowid FROM items_fts WHERE items_fts MATCH ?').all(near)).toHaveLength(1);
  });
});
