/**
 * A hostile feed title and link pushed to every channel kind, delivered for real (loopback SMTP
 * sink, webhook and Matrix receivers): each target format shows the words but none of the
 * feed's markup — no mention, no remote image, no disguised or javascript: link.
 */
import { HtmlRenderer, Parser } from 'commonmark';
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { insertChannel } from '../../../electron/engine/db/alerts-store';
import { pushAlert } from '../../../electron/engine/alerts/push';
import { AlertSender } from '../../../electron/engine/alerts/sender';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { startAlertReceiver, type AlertReceiver } from '../../helpers/alert-receiver';
import { seedItem, seedSource } from '../../helpers/alerts-db';

const TITLE =
  '@channel @here URGENT ![pixel](https://tracker.example/p.png) [gouv.fr](https://evil.example/) ' +
  '<!channel> <https://evil.example/|interieur.gouv.fr> <img src=x onerror=alert(1)> *Arrêté* préfectoral';

let db: Db;
let sink: SmtpSink;
let rx: AlertReceiver;
let sender: AlertSender;

beforeAll(async () => {
  sink = await startSmtpSink({ starttls: false });
  rx = await startAlertReceiver({ hmacSecret: null, matrixToken: 'syt_x' });
});
afterAll(async () => {
  await sink.close();
  await rx.close();
});
beforeEach(() => {
  db = openDatabase(':memory:');
  sender = new AlertSender(db, { baseDelayMs: 50, pollMs: 50, timeoutMs: 3000, random: () => 0.5 });
});
afterEach(async () => {
  await sender.stop();
  db.close();
});

async function deliver(link: string): Promise<void> {
  const src = seedSource(db, 'Compte @everyone [x](https://evil.example/)');
  const itemId = seedItem(db, { sourceId: src, title: TITLE, link, published: new Date().toISOString(), virality: 90 });
  for (const preset of ['mattermost', 'slack', 'teams', 'generic'])
    insertChannel(db, {
      name: preset,
      kind: 'webhook',
      config: { url: `${rx.url}/${preset}-${rx.requests.length}`, preset },
    });
  insertChannel(db, {
    name: 'mail',
    kind: 'smtp',
    config: { host: '127.0.0.1', port: sink.port, from: 'v@vigie.test', ignoreTLS: true },
  });
  insertChannel(db, {
    name: 'tchap',
    kind: 'matrix',
    secret: 'syt_x',
    config: { homeserver: rx.url, roomId: '!r:tchap.test' },
  });
  const before = rx.requests.length;
  const mails = sink.mails.length;
  pushAlert(db, {
    itemId,
    severity: 'flash',
    comment: '@all voir ![x](https://tracker.example/c.png)',
    recipients: ['cabinet@interieur.test'],
    channels: ['mattermost', 'slack', 'teams', 'generic', 'mail', 'tchap'],
    actor: 'a',
  });
  await sender.drain();
  await sink.waitForMails(mails + 1);
  expect(rx.requests.length - before).toBe(5);
}

/** Links and images a CommonMark renderer makes of a Mattermost text. */
function markdownActive(text: string): { hrefs: string[]; images: number; html: string } {
  const html = new HtmlRenderer().render(new Parser().parse(text));
  return {
    hrefs: [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]),
    images: (html.match(/<img/g) ?? []).length,
    html,
  };
}

const bodyOf = (prefix: string) =>
  rx.requests.filter((r) => r.path.startsWith(`/${prefix}`)).at(-1)!.body as Record<string, unknown>;

test('a javascript: link is offered nowhere, and no target renders the feed’s markup', async () => {
  await deliver('javascript:alert(document.cookie)');
  const mm = markdownActive(bodyOf('mattermost').text as string);
  expect(mm.images).toBe(0);
  expect(mm.hrefs).toEqual([]);
  expect(mm.html).toContain('Arrêté');
  const slack = bodyOf('slack');
  // Slack reads `<…>` as links, mentions and commands: none may come from the feed.
  expect(slack.text as string).not.toMatch(/</);
  expect(slack).toMatchObject({ unfurl_links: false, unfurl_media: false });
  for (const t of [mm.html, slack.text as string]) expect(t).not.toMatch(/@(channel|here|all|everyone)\b/);
  const teams = JSON.stringify(bodyOf('teams'));
  expect(teams).not.toMatch(/\]\(|javascript:/);
  expect(bodyOf('generic').link).toBeNull();
  const matrix = rx.requests.filter((r) => r.kind === 'matrix').at(-1)!.body as {
    formatted_body: string;
    body: string;
  };
  const mail = sink.mails.at(-1)!.parsed;
  for (const html of [matrix.formatted_body, mail.html as string]) {
    expect(html).not.toMatch(/<img|href="(?!https?:)|javascript:/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  }
  expect(mail.text).not.toContain('javascript:');
});

test('a web link is the only active link, encoded so it cannot break out', async () => {
  await deliver('https://www.lemonde.fr/a_(b)|c>d');
  const mm = markdownActive(bodyOf('mattermost').text as string);
  expect(mm.hrefs).toEqual(['https://www.lemonde.fr/a_%28b%29%7Cc%3Ed']);
  expect(mm.images).toBe(0);
  const links = [...(bodyOf('slack').text as string).matchAll(/<([^>]*)>/g)].map((m) => m[1].split('|')[0]);
  expect(links).toEqual(['https://www.lemonde.fr/a_%28b%29%7Cc%3Ed']);
  const mail = sink.mails.at(-1)!.parsed.html as string;
  expect([...mail.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://www.lemonde.fr/a_(b)|c%3Ed']);
});
