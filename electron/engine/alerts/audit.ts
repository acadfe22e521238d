/** Audit log export: who pushed what, when, to whom, through which channel, and the delivery result. */
import type { Db } from '../db/open';
import { listAudit } from '../db/alerts-outbox-store';
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

/**
 * One CSV cell (RFC 4180 quoting). Cells starting with = + - @ are prefixed with a quote so a
 * spreadsheet never evaluates text that came from a feed as a formula (CSV injection).
 */
export function csvCell(value: unknown): string {
  let s = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The audit log between two instants as CSV text (UTF-8 with BOM so Excel reads the accents). */
export function exportAuditCsv(db: Db, opts: { from?: string; to?: string } = {}): string {
  const rows = listAudit(db, opts);
  const lines = [AUDIT_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
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
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
