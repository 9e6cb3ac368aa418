// @ts-check
// Plain-text receipt, so the member can keep proof of when they opted out.
export function receiptText(history, now) {
  const lines = [
    'OptOut receipt',
    `Generated: ${now.toISOString()}`,
    '',
    'Setting | first seen | state before | switched off | verified after',
  ];
  for (const s of history.summary) {
    lines.push([s.setting, s.first_seen, s.state_before, s.switched_off_at, s.verified_after].map((v) => v || '-').join(' | '));
  }
  lines.push('', 'Record entries:');
  for (const e of history.entries) lines.push(JSON.stringify(e));
  if (history.damaged_lines) lines.push('', `Damaged lines in the record file (kept as they are): ${history.damaged_lines}`);
  return lines.join('\n') + '\n';
}
