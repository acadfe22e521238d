import Database from 'better-sqlite3';
import { parseBooleanQuery } from '../../shared/search/boolean-query';
import { toFtsQuery } from '../../electron/engine/db/fts-query';
import { compileQuery, makeMatchDoc } from '../../electron/engine/alerts/query';

const TEXTS = [
  'Réforme des retraites : la grève continue à Paris',
  'La préfète du Finistère dément l’arrêté d’évacuation de Kervoal',
  'Guerre en Ukraine : Vladimir Poutine menace l’OTAN',
  'Le porte-parole du gouvernement répond sur les retraites',
  'Eau potable contaminée : les habitants de Kervoal inquiets',
];

const QUERIES = [
  'retraites',
  'reforme ET retraites',
  'retraites -grève',
  'retraites SAUF greve',
  'kervoal OU ukraine',
  '"eau potable"',
  'réfor*',
  'prefete',
  '(kervoal OR poutine) AND NOT otan',
  'porte-parole',
  '« guerre en ukraine »',
  'gouv* retraites',
  'NOT kervoal',
  'kervoal !eau',
];

describe('one boolean grammar for search and alert rules', () => {
  it('reports recoverable problems instead of failing', () => {
    expect(parseBooleanQuery('(eau').problems).toEqual(['unclosed']);
    expect(parseBooleanQuery('eau)').problems).toEqual(['unopened']);
    expect(parseBooleanQuery('eau AND').problems).toEqual(['dangling_and']);
    expect(parseBooleanQuery('eau OR').problems).toEqual(['dangling_or']);
    expect(parseBooleanQuery('eau NOT').problems).toEqual(['dangling_not']);
    expect(parseBooleanQuery('titre:Kervoal').root).toEqual({
      kind: 'term',
      text: 'Kervoal',
      phrase: false,
      prefix: false,
      column: 'title',
    });
  });

  it('gives the same matches in SQLite FTS5 and in the in-memory rule matcher', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2')");
    const insert = db.prepare('INSERT INTO t(rowid, body) VALUES (?, ?)');
    TEXTS.forEach((text, i) => insert.run(i + 1, text));
    for (const q of QUERIES) {
      const { match, exclude } = toFtsQuery(q);
      let sql = 'SELECT rowid FROM t';
      const args: string[] = [];
      if (match) {
        sql += ' WHERE t MATCH ?';
        args.push(match);
      }
      if (exclude) {
        sql += `${match ? ' AND' : ' WHERE'} rowid NOT IN (SELECT rowid FROM t WHERE t MATCH ?)`;
        args.push(exclude);
      }
      const fts = (db.prepare(sql).all(...args) as { rowid: number }[]).map((r) => r.rowid).sort();
      const matcher = compileQuery(q);
      const mem = TEXTS.map((text, i) => (matcher(makeMatchDoc(text)) ? i + 1 : 0)).filter(Boolean);
      expect({ q, ids: mem }).toEqual({ q, ids: fts });
    }
  });
});
