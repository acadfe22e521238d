// End to end in Debian Chromium against web mode (`vigie serve`) on the demo crisis workspace: in
// Synthèse the analyst moves the second story to the top with Alt+↑, removes another, writes the
// analysis paragraph, and emails the brief through an SMTP destination (a real loopback server).
// The preview follows each change, the mail carries the edited brief. Screenshot in
// test/output/screenshots, axe-core checked.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
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

const ANALYSIS = 'La cellule recommande un point presse « avant midi » sur la rumeur.';

maybe('editing and emailing the daily brief in Chromium (web mode)', () => {
  let app: DemoWorkstation;
  let page: Page;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink({ starttls: false });
    app = await openDemoWorkstation('brief', (served) =>
      callApi(served, 'alerts:channels:save', {
        name: 'Relais ministère',
        kind: 'smtp',
        enabled: true,
        config: {
          host: '127.0.0.1',
          port: smtp.port,
          ignoreTLS: true,
          from: 'veille@vigie.test',
          defaultTo: ['cabinet@interieur.test'],
        },
      }),
    );
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('reorders with Alt+↑, removes, writes the analysis and emails the edited brief', async () => {
    await page.evaluate(() => {
      window.location.hash = '#/synthese';
    });
    const top = page.locator('section[aria-labelledby="brief-sec-top"] ol > li');
    await top.first().waitFor({ timeout: 30_000 });
    expect(await top.count()).toBeGreaterThanOrEqual(3);
    const titles = await top.locator('.brief-entry-title').allTextContents();

    await top.nth(1).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await page.locator('[role="status"]', { hasText: 'monté' }).waitFor();
    expect(
      await top
        .locator('.brief-entry-title')
        .allTextContents()
        .then((l) => l.slice(0, 2)),
    ).toEqual([titles[1], titles[0]]);
    // Focus stays on the moved entry so the analyst can keep moving it.
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(titles[1]!);

    await page.getByRole('button', { name: `Retirer « ${titles[2]} » de la synthèse` }).click();
    await page.getByRole('button', { name: `Rétablir « ${titles[2]} »` }).waitFor();

    await page.getByLabel('Paragraphe d’analyse').fill(ANALYSIS);
    await page.getByRole('button', { name: 'Enregistrer l’analyse' }).click();
    await page.locator('[role="status"]', { hasText: 'Analyse enregistrée' }).waitFor();
    const frame = page.frameLocator('iframe.brief-frame');
    await frame.locator('body', { hasText: 'avant midi' }).waitFor({ timeout: 30_000 });
    const body = (await frame.locator('body').textContent()) ?? '';
    expect(body.indexOf(titles[1]!)).toBeLessThan(body.indexOf(titles[0]!));

    await page.locator('.brief-side').evaluate((el) => {
      el.scrollTop = 0;
    });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'brief-edit-1.png') });
    await page.getByLabel('Destinataires').fill('prefet@moselle.test, cellule@interieur.test');
    await page.locator('form.brief-email').getByRole('button', { name: 'Envoyer par courriel' }).click();
    await page
      .locator('.brief-email [role="status"]', { hasText: '2 envoyé(s), 0 échec(s)' })
      .waitFor({ timeout: 60_000 });
    const mails = await smtp.waitForMails(2);
    const html = String(mails[0]!.parsed.html);
    expect(html).toContain('« avant midi »');
    // PDF is the default attachment.
    expect(mails[0]!.parsed.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'brief-edit-2.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
