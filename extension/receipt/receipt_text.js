// @ts-check
// Plain-text receipt, so the member can keep proof of when they opted out. The table keeps the
// record's own values (setting ids, UTC times) so it can be checked against the record; the
// titles follow in the reader's language.
import { t } from '../shared/i18n.js';

/**
 * @param {{summary: Array<Record<string, any>>, entries: unknown[], damaged_lines?: number}} history
 * @param {Date} now
 * @param {Map<string, string>} [titles] setting id -> title in the reader's language
 */
export function receiptText(history, now, titles = new Map()) {
  const lines = [
    t('receipt_title'),
    t('receipt_generated', now.toISOString()),
    t('receipt_intro'),
    '',
    t('receipt_file_columns'),
  ];
  for (const s of history.summary) {
    lines.push([s.setting, s.first_seen, s.state_before, s.switched_off_at, s.verified_after].map((v) => v || '-').join(' | '));
  }
  const named = history.summary.filter((s) => titles.has(s.setting));
  if (named.length) {
    lines.push('', t('receipt_file_titles'));
    for (const s of named) lines.push(`${s.setting}: ${titles.get(s.setting)}`);
  }
  lines.push('', t('receipt_file_entries'));
  for (const e of history.entries) lines.push(JSON.stringify(e));
  if (history.damaged_lines) lines.push('', t('receipt_file_damaged', history.damaged_lines));
  return lines.join('\n') + '\n';
}
