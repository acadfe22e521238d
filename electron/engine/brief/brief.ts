/**
 * The brief orchestrator: gather the model, render the charts once, render the asked format,
 * write the file (and the Markdown's chart PNGs beside it) and log it in brief_files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { logBriefFile } from '../db/brief-store';
import type { Db } from '../db/open';
import { renderCharts } from './charts';
import { labelsFor } from './i18n';
import { renderDocx } from './render-docx';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-md';
import { renderPdf } from './render-pdf';
import { selectBrief } from './select';
import { BRIEF_FORMATS, type BriefFormat, type BriefModel, type BriefOptions, type RenderedChart } from './types';

/** MIME type per format. */
export const BRIEF_MIME: Record<BriefFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** What generateBrief is asked. */
export interface GenerateBriefRequest {
  from: string;
  to: string;
  format: BriefFormat;
  /** File to write; none returns the bytes only (UI export). */
  out?: string | null;
  options?: BriefOptions;
  /** Who asked, for the log. Default 'manual'. */
  trigger?: 'manual' | 'cli' | 'schedule';
}

/** A generated brief. */
export interface GeneratedBrief {
  format: BriefFormat;
  bytes: Buffer;
  /** Extra files written beside `out` (Markdown chart images). */
  extraFiles: string[];
  model: BriefModel;
  durationMs: number;
}

/** Renders an already gathered model (charts rendered once, shared by several formats). */
export async function renderBrief(
  model: BriefModel,
  charts: readonly RenderedChart[],
  format: BriefFormat,
  imageBaseName: string | null = null,
): Promise<{ bytes: Buffer; images: Array<{ fileName: string; png: Buffer }> }> {
  try {
    switch (format) {
      case 'pdf':
        return { bytes: await renderPdf(model, charts), images: [] };
      case 'docx':
        return { bytes: await renderDocx(model, charts), images: [] };
      case 'html':
        return { bytes: Buffer.from(renderHtml(model, charts), 'utf8'), images: [] };
      case 'md': {
        const md = renderMarkdown(model, charts, { imageBaseName });
        return { bytes: Buffer.from(md.markdown, 'utf8'), images: md.images };
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'brief.render',
      `rendering the ${format} brief failed: ${(err as Error).message}`,
      { format },
      { cause: err },
    );
  }
}

/** Charts of a model in its language. */
export function renderModelCharts(model: BriefModel): RenderedChart[] {
  return renderCharts(model.charts, labelsFor(model.lang));
}

/** Generates the brief for [from, to) in one format, writes it to `out` when given, logs it. */
export async function generateBrief(db: Db, req: GenerateBriefRequest): Promise<GeneratedBrief> {
  if (!(BRIEF_FORMATS as readonly string[]).includes(req.format))
    throw new AppError('input.invalid', `unknown brief format: ${req.format}`, { format: req.format });
  if (
    !Number.isFinite(Date.parse(req.from)) ||
    !Number.isFinite(Date.parse(req.to)) ||
    Date.parse(req.to) <= Date.parse(req.from)
  ) {
    throw new AppError('input.invalid', `invalid period: ${req.from} → ${req.to}`, { from: req.from, to: req.to });
  }
  const t0 = performance.now();
  const model = selectBrief(db, req.from, req.to, req.options);
  const charts = renderModelCharts(model);
  const base = req.out ? path.basename(req.out).replace(/\.[^.]+$/, '') : null;
  const { bytes, images } = await renderBrief(model, charts, req.format, req.format === 'md' && req.out ? base : null);
  const extraFiles: string[] = [];
  if (req.out) {
    fs.mkdirSync(path.dirname(path.resolve(req.out)), { recursive: true });
    fs.writeFileSync(req.out, bytes);
    for (const img of images) {
      const p = path.join(path.dirname(req.out), img.fileName);
      fs.writeFileSync(p, img.png);
      extraFiles.push(p);
    }
  }
  const durationMs = Math.round(performance.now() - t0);
  logBriefFile(db, {
    draftId: req.options?.draftId ?? null,
    from: model.from,
    to: model.to,
    format: req.format,
    path: req.out ? path.resolve(req.out) : null,
    bytes: bytes.length,
    durationMs,
    trigger: req.trigger ?? 'manual',
  });
  return { format: req.format, bytes, extraFiles, model, durationMs };
}
