/**
 * Self-contained HTML brief: inline stylesheet, charts as data: URIs, no script, no external
 * resource (only navigation links to the articles), so it opens offline and passes a strict CSP.
 */
import { briefCss } from './assets';
import { figureFacts, figureRows, formatTone, formatTrend, sourceHeader, sourceRows, storyMeta } from './format';
import { labelsFor } from './i18n';
import type { BriefModel, RenderedChart } from './types';
import { escapeHtml } from '../escape-html';

const e = escapeHtml;

/** Only http(s) links are kept (feed links are untrusted). */
function safeHref(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

function a(title: string, url: string | null): string {
  const href = safeHref(url);
  return href ? `<a href="${e(href)}" rel="noopener noreferrer">${e(title)}</a>` : e(title);
}

function table(header: string[], rows: string[][], numeric: number[] = []): string {
  const td = (c: string, i: number): string => `<td${numeric.includes(i) ? ' class="num"' : ''}>${e(c)}</td>`;
  return `<table><thead><tr>${header.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('')}</tbody></table>`;
}

/** Options of renderHtml. */
export interface HtmlOptions {
  /** Chart images as SVG (crisp, small) or PNG (mail clients that block SVG). Default 'svg'. */
  images?: 'svg' | 'png';
}

/** Renders the brief as one HTML document. */
export function renderHtml(m: BriefModel, charts: readonly RenderedChart[], options: HtmlOptions = {}): string {
  const L = labelsFor(m.lang);
  const z = m.timeZone;
  const sections: Array<[string, string, string]> = [];
  const add = (id: string, title: string, body: string): void => {
    sections.push([id, title, body]);
  };

  add(
    'chiffres',
    L.t('figures'),
    table([L.t('sourceType'), L.t('count'), L.t('previous'), L.t('change')], figureRows(m, L), [1, 2, 3]) +
      `<ul class="facts">${figureFacts(m, L)
        .map((f) => `<li>${e(f)}</li>`)
        .join('')}</ul>`,
  );
  if (m.analysis) add('analyse', L.t('analysis'), `<div class="analysis">${e(m.analysis)}</div>`);
  add(
    'a-retenir',
    L.t('top'),
    m.top
      .map(
        (s, i) =>
          `<article><h3>${i + 1}. ${a(s.title, s.link)}</h3>${s.summary ? `<p class="summary">${e(s.summary)}</p>` : ''}${s.headlines.length ? `<ul class="headlines">${s.headlines.map((h) => `<li>${e(h)}</li>`).join('')}</ul>` : ''}<p class="meta">${e(storyMeta(s, L, z))}</p></article>`,
      )
      .join(''),
  );
  const tones = m.tones.length
    ? table(
        [L.t('entity'), L.t('mentions'), L.t('meanTone'), L.t('trend')],
        m.tones.map((t) => [t.target, L.number(t.count), formatTone(t.mean, L), formatTrend(t, L)]),
        [1, 2],
      ) +
      m.tones
        .slice(0, 4)
        .map((t) =>
          t.quotes
            .slice(0, 2)
            .map((q) => `<blockquote>${e(t.target)} (${e(formatTone(q.tone, L))})${L.colon}${e(q.title)}</blockquote>`)
            .join(''),
        )
        .join('')
    : `<p>${e(L.t('noTone'))}</p>`;
  add(
    'polemiques',
    L.t('controversies'),
    (m.controversies.length
      ? m.controversies
          .map(
            (s) =>
              `<article><h3>${a(s.title, s.link)}</h3>${s.summary ? `<p class="summary">${e(s.summary)}</p>` : ''}<p class="meta">${e(storyMeta(s, L, z))}</p>${s.quotes.map((q) => `<blockquote>${e(q)}</blockquote>`).join('')}</article>`,
          )
          .join('')
      : `<p>${e(L.t('noControversy'))}</p>`) + `<h3>${e(L.t('tone'))}</h3>${tones}`,
  );
  add(
    'infox',
    L.t('infox'),
    m.infox.length
      ? `<ul>${m.infox
          .map(
            (x) =>
              `<li>${a(x.title, x.link)} — ${e(x.source)} — <span class="status status-${x.status}">${e(L.t('status'))}${L.colon}${e(L.status(x.status))}</span> (${x.score}/100)` +
              `<ul>${x.evidence.map((ev) => `<li>${e(ev)}</li>`).join('')}${x.factCheck ? `<li>${e(L.t('factCheck'))}${L.colon}${a(x.factCheck.title, x.factCheck.link)}</li>` : ''}</ul></li>`,
          )
          .join('')}</ul>`
      : `<p>${e(L.t('noInfox'))}</p>`,
  );
  add(
    'selections',
    L.t('selections'),
    m.selections.length
      ? `<ol>${m.selections
          .map((s) => {
            const flags = [s.starred ? L.t('starred') : '', s.escalated ? L.t('escalated') : '']
              .filter(Boolean)
              .join(', ');
            return `<li>${a(s.title, s.link)} — ${e(s.source)}, ${e(L.dateTime(s.published, z))} (${e(flags)})${s.notes.map((n) => `<blockquote>${e(n)}</blockquote>`).join('')}</li>`;
          })
          .join('')}</ol>`
      : `<p>${e(L.t('noSelections'))}</p>`,
  );
  add(
    'graphiques',
    L.t('charts'),
    charts
      .map(
        (c) =>
          `<figure><img alt="${e(c.title)}" width="${c.width}" height="${c.height}" src="${options.images === 'png' ? `data:image/png;base64,${c.png.toString('base64')}` : `data:image/svg+xml;base64,${Buffer.from(c.svg).toString('base64')}`}"><figcaption>${e(c.title)}</figcaption></figure>`,
      )
      .join(''),
  );
  add(
    'annexe',
    L.t('annex'),
    (m.sources.length ? table(sourceHeader(m, L), sourceRows(m, L), [2]) : `<p>${e(L.t('noSources'))}</p>`) +
      (m.ownershipNote ? `<p class="meta">${e(m.ownershipNote)}</p>` : ''),
  );

  const marking = m.marking ? `<div class="marking">${e(m.marking)}</div>` : '';
  return `<!DOCTYPE html>
<html lang="${m.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${L.t('title')} — ${m.dateLabel} — ${m.unitName}`)}</title>
<style>${briefCss()}</style>
</head>
<body>
<main>
${marking}<header class="brief"><p class="unit">${e(m.unitName)}</p><h1>${e(L.t('title'))}<span class="date">${e(m.dateLabel)}</span></h1><p class="period">${e(L.t('period'))}${L.colon}${e(m.periodLabel)}</p></header>
<nav class="toc" aria-label="${e(L.t('toc'))}"><h2>${e(L.t('toc'))}</h2><ol>${sections.map(([id, t]) => `<li><a href="#${id}">${e(t)}</a></li>`).join('')}</ol></nav>
${sections.map(([id, t, body]) => `<section id="${id}"><h2>${e(t)}</h2>${body}</section>`).join('\n')}
<footer>${e(m.unitName)} — ${e(L.t('generated'))} ${e(L.dateTime(m.generatedAt, z))}${m.marking ? ` — <strong>${e(m.marking)}</strong>` : ''}</footer>
${marking}</main>
</body>
</html>
`;
}
