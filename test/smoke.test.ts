import { openDatabase } from '../electron/engine/db/open';

describe('database', () => {
  it('opens in memory with the core schema and accent-insensitive FTS', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
    db.prepare(
      "INSERT INTO sources(name,url,type,created_at) VALUES ('Le Monde','https://www.lemonde.fr/rss/une.xml','press-national','2022-02-24T00:00:00Z')",
    ).run();
    db.prepare(
      "INSERT INTO items(source_id,title,fetched_at,content_hash) VALUES (1,'Réforme des retraites : la préfète répond','2022-02-24T00:00:00Z','h')",
    ).run();
    const hits = db.prepare("SELECT rowid FROM items_fts WHERE items_fts MATCH 'prefete'").all();
    expect(hits).toHaveLength(1);
  });
});
