/** Audit log export: who pushed what, when, to whom, through which channel, and the delivery result. */
import type { Db } from '../db/open';
import { listAudit } from '../db/alerts-outbox-store';
import { stringify } from 'csv-stringify/sync';
import { formatParisTime } from './message';

/** CSV columns, in order (French headers for the unit's spreadsheet). */
export const AUDIT_COLUMNS = [
  'horodatage_utc',
  'heure_paris',
  'acteur',
  'action',
  'alerte',
  'envoi',
  'article',
  'objet',
  'canal',
  'destinataire',
  'gravite',
  'resultat',
  'detail',
] as const;

/** Field separators a spreadsheet may split on: French Excel uses `;`, most others `,`. */
export type CsvSeparator = ';' | ',';

/**
 * A formula trigger (= + - @) at the start of the cell or right after anything a spreadsheet may
 * split on (either separator, a tab, a line break; spaces and quotes allowed between), so that
 * text from a feed never becomes a formula, whichever separator the reader's locale applies:
 * French Excel opening a comma file splits « Manifestation;=cmd|… » at the `;`.
 */
const FORMULA_START = /(^|[;,\t\r\n])([\s"]*)(?=[=+\-@])/g;

/** Neutralises spreadsheet formulas in a cell with a leading apostrophe (OWASP's CSV-injection advice). */
export function neutralizeFormulas(value: unknown): string {
  const s = value == null ? '' : String(value);
  return s.replace(FORMULA_START, "$1$2'");
}

/** Options of exportAuditCsv. */
export interface AuditCsvOptions {
  from?: string;
  to?: string;
  /** Field separator. Default ';' (what Excel expects in a French locale). */
  separator?: CsvSeparator;
}

/**
 * The audit log between two instants as CSV text (UTF-8 with BOM so Excel reads the accents):
 * csv-stringify with every field quoted, formulas neutralised (see FORMULA_START).
 */
export function exportAuditCsv(db: Db, opts: AuditCsvOptions = {}): string {
  const rows = listAudit(db, opts).map((r) =>
    [
      r.at,
      formatParisTime(r.at),
      r.actor,
      r.action,
      r.alertId,
      r.outboxId,
      r.itemId,
      r.subject,
      r.channel,
      r.recipient,
      r.severity,
      r.result,
      r.detail,
    ].map(neutralizeFormulas),
  );
  const csv = stringify([[...AUDIT_COLUMNS], ...rows], {
    delimiter: opts.separator ?? ';',
    quoted: true,
    record_delimiter: 'windows',
  });
  return '\ufeff' + csv;
}
