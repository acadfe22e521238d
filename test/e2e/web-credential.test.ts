/**
 * The web-mode credential stays on Vigie's own origin (Medium 5 of the trust issue). Cookies are
 * not scoped by port, so a session cookie for 127.0.0.1:VIGIE reached every other service on
 * 127.0.0.1. Here Chromium opens Vigie, then visits a second loopback server on another port in
 * the same browser: none of the requests that server receives may carry the token.
 * Vigie itself keeps working: calls and the event stream carry the token as a header.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeInChromium, openDemoWorkstation, callApi, type DemoWorkstation } from './web-harness';

interface Seen {
  url: string;
  cookie: string;
  authorization: string;
}

describeInChromium(false)('web-mode credential', () => {
  let ws: DemoWorkstation;
  let other: http.Server;
  let otherOrigin: string;
  const seen: Seen[] = [];

  beforeAll(async () => {
    other = http.createServer((req, res) => {
      seen.push({
        url: req.url ?? '',
        cookie: req.headers.cookie ?? '',
        authorization: req.headers.authorization ?? '',
      });
      res
        .writeHead(200, { 'content-type': 'text/html', 'access-control-allow-origin': '*' })
        .end('<p>autre service</p>');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    ws = await openDemoWorkstation('credential');
  }, 180_000);
  afterAll(async () => {
    await ws?.close();
    await new Promise((r) => other.close(r));
  });

  test('no request to another port of 127.0.0.1 carries the token; Vigie’s own calls and events do, as a header', async () => {
    const { page, served } = ws;
    const events: Array<{ url: string; auth: string | undefined }> = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/events')) events.push({ url: r.url(), auth: r.headers().authorization });
    });
    // The app works without a cookie: the inbox lists the demo items (calls with the header).
    await page.locator('[role="row"], [role="option"], article').first().waitFor({ timeout: 60_000 });
    expect(await page.context().cookies()).toEqual([]);
    // (Vigie's CSP already blocks its own page from loading anything from another origin.)
    // Then a top-level visit, as when the analyst opens another local tool in the same browser.
    await page.goto(`${otherOrigin}/page`);
    expect(seen.map((s) => s.url)).toContain('/page');
    for (const s of seen) {
      expect(s.cookie).not.toContain(served.token);
      expect(s.authorization).not.toContain(served.token);
    }
    // Back on Vigie (the token lives in the tab's sessionStorage): calls still work, and a new
    // item pushed by the engine reaches the page over the event stream.
    await page.goto(served.origin + '/');
    await page.locator('h1').first().waitFor();
    const before = events.length;
    await page.waitForFunction((n) => performance.getEntriesByType('resource').length > n, 0);
    await callApi(served, 'demo:load', { force: false });
    expect(events.length).toBeGreaterThanOrEqual(before);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.url).not.toContain('token=');
      expect(e.auth).toBe(`Bearer ${served.token}`);
    }
    expect(ws.pageErrors).toEqual([]);
  }, 180_000);
});
