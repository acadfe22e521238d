// End to end in Debian Chromium against web mode (`vigie serve`) on the demo crisis workspace:
// the analyst configures two destinations in Alertes › Destinations (an SMTP relay and a signed
// webhook, both real loopback servers), opens an item, presses `p` ("Pousser au cabinet"), writes a
// comment, picks "Urgent" and sends. The mail and the POST arrive exactly once; the dialog and the
// alert inbox report the deliveries as sent. Screenshots in test/output/screenshots, axe-core checked.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { startAlertReceiver, type AlertReceiver } from '../helpers/alert-receiver';
import {
  SCREENSHOTS,
  callApi,
  describeInChromium,
  openDemoWorkstation,
  seriousAxeViolations,
  type DemoWorkstation,
} from './web-harness';

const maybe = describeInChromium(false);
jest.setTimeout(180_000);

const HMAC = 'clef-partagee-du-webhook';
const COMMENT = 'Rumeur en forte hausse : démenti préfectoral attendu avant 18 h.';

maybe('alert destinations and "Pousser au cabinet" in Chromium (web mode)', () => {
  let app: DemoWorkstation;
  let page: Page;
  let smtp: SmtpSink;
  let hook: AlertReceiver;

  async function api<T>(channel: string, input: unknown = {}): Promise<T> {
    return callApi<T>(app.served, channel, input);
  }
  const goHash = async (hash: string) => {
    await page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
  };
  const panel = () => page.locator('section.channels');

  beforeAll(async () => {
    // A local relay without STARTTLS (the "Aucune" security choice) and a webhook that checks the HMAC.
    [smtp, hook] = await Promise.all([startSmtpSink({ starttls: false }), startAlertReceiver({ hmacSecret: HMAC })]);
    app = await openDemoWorkstation('push');
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await hook?.close();
  });

  it('configures an SMTP and a webhook destination in Alertes, with validation in words', async () => {
    await goHash('#/alertes');
    await panel().getByRole('heading', { name: 'Destinations' }).waitFor();
    expect(await panel().textContent()).toContain('Aucune destination');
    // Nothing filled: the form says what is missing, in French, and stores nothing.
    await panel().getByRole('button', { name: 'Enregistrer' }).click();
    const problems = panel().getByRole('alert');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('Donnez un nom à la destination.');
    expect(await problems.textContent()).toContain('Indiquez le serveur SMTP.');
    expect(await api<unknown[]>('alerts:channels:list')).toHaveLength(0);

    await panel().getByLabel('Type', { exact: true }).selectOption({ label: 'Courriel' });
    await panel().getByLabel('Nom', { exact: true }).fill('Cabinet du préfet');
    await panel().getByLabel('Serveur SMTP').fill('127.0.0.1');
    await panel().getByLabel('Port', { exact: true }).fill(String(smtp.port));
    await panel().getByLabel('Sécurité', { exact: true }).selectOption('none');
    await panel().getByLabel('Expéditeur').fill('vigie@prefecture.test');
    await panel().getByLabel('Destinataires par défaut (courriels)').fill('cabinet@prefecture.test');
    await panel().getByRole('button', { name: 'Enregistrer' }).click();
    await panel()
      .getByRole('row', { name: /Cabinet du préfet/ })
      .waitFor();

    await panel().getByRole('button', { name: 'Nouvelle destination' }).click();
    await panel().getByLabel('Type', { exact: true }).selectOption({ label: 'Webhook' });
    await panel().getByLabel('Nom', { exact: true }).fill('Salon de crise');
    await panel().getByLabel('URL du webhook').fill('pas une url');
    await panel().getByRole('button', { name: 'Enregistrer' }).click();
    await panel().getByRole('alert').filter({ hasText: 'http:// ou https://' }).waitFor();
    await panel().getByLabel('URL du webhook').fill(`${hook.url}/hooks/crise`);
    await panel().getByLabel('Format', { exact: true }).selectOption('mattermost');
    await panel().getByLabel('Secret HMAC (facultatif)').fill(HMAC);
    await panel().getByRole('button', { name: 'Enregistrer' }).click();
    const row = panel().getByRole('row', { name: /Salon de crise/ });
    await row.waitFor();
    // The listing masks the secret and the webhook path; only whether a secret is set shows.
    expect(await row.textContent()).toContain('Secret enregistré');
    expect(await row.textContent()).not.toContain(HMAC);
    expect(await row.textContent()).not.toContain('/hooks/crise');
    const stored = await api<Array<{ kind: string; hasSecret: boolean; enabled: boolean }>>('alerts:channels:list');
    expect(stored.map((c) => [c.kind, c.hasSecret, c.enabled]).sort()).toEqual([
      ['smtp', false, true],
      ['webhook', true, true],
    ]);
    await panel().screenshot({ path: path.join(SCREENSHOTS, 'alerts-destinations.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('saves a watch rule that delivers to the destination ticked in the editor', async () => {
    await goHash('#/alertes');
    const editor = page.locator('form[aria-labelledby="editor-title"]');
    // The configured destinations appear in the editor once the screen reloads its channel list.
    await page.reload();
    await editor.getByRole('checkbox', { name: /Cabinet du préfet/ }).waitFor();
    expect(await editor.getByRole('note').filter({ hasText: 'Aucune destination' }).count()).toBe(1);
    await editor.getByLabel('Nom', { exact: true }).fill('Rumeurs Kervoal');
    await editor.getByLabel('Requête', { exact: true }).fill('kervoal');
    await editor.getByRole('checkbox', { name: /Cabinet du préfet/ }).check();
    expect(await editor.getByRole('note').filter({ hasText: 'Aucune destination' }).count()).toBe(0);
    await editor.getByRole('button', { name: 'Enregistrer' }).click();
    await editor.getByRole('heading', { name: 'Modifier la règle' }).waitFor();
    const channels = await api<Array<{ id: number; name: string }>>('alerts:channels:list');
    const smtpId = channels.find((c) => c.name === 'Cabinet du préfet')!.id;
    const rules = await api<Array<{ id: number; name: string; channelIds: number[] }>>('alerts:rules:list');
    const rule = rules.find((r) => r.name === 'Rumeurs Kervoal')!;
    expect(rule.channelIds).toEqual([smtpId]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The demo replays two late items: a live rule could mail them and blur the next test's count.
    await api('alerts:rules:remove', { id: rule.id });
  });

  it('pushes an item with `p`: one [URGENT] mail and one webhook POST, reported delivered', async () => {
    const list = await api<{ items: Array<{ id: number; title: string }> }>('items:list', { limit: 1 });
    const item = list.items[0];
    await goHash(`#/element/${item.id}`);
    await page.locator('#item-title').waitFor();
    await page.locator('#item-title').focus();
    await page.keyboard.press('p');
    const dialog = page.getByRole('dialog', { name: 'Pousser au cabinet' });
    await dialog.waitFor();
    await dialog.getByRole('checkbox', { name: /Salon de crise/ }).waitFor();
    expect(await dialog.getByRole('checkbox', { name: /Cabinet du préfet/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /Salon de crise/ }).isChecked()).toBe(true);
    // Unticking every destination must not mean "send everywhere": Envoyer is disabled until one is ticked.
    for (const name of [/Cabinet du préfet/, /Salon de crise/]) await dialog.getByRole('checkbox', { name }).uncheck();
    expect(await dialog.getByRole('button', { name: 'Envoyer' }).isDisabled()).toBe(true);
    for (const name of [/Cabinet du préfet/, /Salon de crise/]) await dialog.getByRole('checkbox', { name }).check();
    await dialog.getByLabel('Commentaire pour le cabinet').fill(COMMENT);
    await dialog.getByLabel('Gravité').selectOption('urgent');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'alerts-push-dialog.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Envoyer' }).click();
    await dialog
      .getByRole('status')
      .filter({ hasText: 'Alerte remise à toutes les destinations.' })
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'alerts-push-delivered.png') });

    const mails = await smtp.waitForMails(1);
    await hook.waitForAccepted(1);
    // Give a duplicate the chance to show up before counting.
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.mails).toHaveLength(1);
    const mail = mails[0].parsed;
    expect(mail.subject?.startsWith('[URGENT]')).toBe(true);
    expect(mail.subject).toContain(item.title.slice(0, 40));
    expect(mail.text).toContain(COMMENT);
    expect(mail.text).toContain(item.title);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toContain('cabinet@prefecture.test');
    const posts = hook.requests.filter((r) => r.kind === 'webhook');
    expect(posts).toHaveLength(1);
    expect(posts[0].path).toBe('/hooks/crise');
    expect(posts[0].signatureOk).toBe(true);
    expect(JSON.stringify(posts[0].body)).toContain(COMMENT);

    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await goHash('#/alertes');
    const inbox = page.locator('section[aria-labelledby="outbox-title"] tbody tr');
    await inbox.first().waitFor();
    expect(await inbox.count()).toBe(2);
    for (const text of await inbox.allTextContents()) {
      expect(text).toContain('envoyé');
      expect(text).toContain('Urgent');
    }
    await page
      .locator('section[aria-labelledby="outbox-title"]')
      .screenshot({ path: path.join(SCREENSHOTS, 'alerts-inbox.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
