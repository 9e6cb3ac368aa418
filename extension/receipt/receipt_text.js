// @ts-check
// Plain-text receipt, so the member can keep proof of when they opted out.
import { t } from '../shared/i18n.js';

export function receiptText(history, now) {
  const lines = [
    t('receipt_title'),
    t('receipt_generated', now.toISOString()),
    '',
    t('receipt_file_columns'),
  ];
  for (const s of history.summary) {
    lines.push([s.setting, s.first_seen, s.state_before, s.switched_off_at, s.verified_after].map((v) => v || '-').join(' | '));
  }
  lines.push('', t('receipt_file_entries'));
  for (const e of history.entries) lines.push(JSON.stringify(e));
  if (history.damaged_lines) lines.push('', t('receipt_file_damaged', history.damaged_lines));
  return lines.join('\n') + '\n';
}
