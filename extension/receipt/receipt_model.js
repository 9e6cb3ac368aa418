// @ts-check
// What the receipt shows for each setting, from the host's history summary and its settings
// list: the setting's title in the reader's language (shared/setting_titles.js: the pack's, else
// English; else its id), and each date both as the record has it (UTC, ISO 8601) and as a reader expects it (local).

/**
 * @typedef {{setting: string, first_seen?: string | null, state_before?: string | null,
 *   switched_off_at?: string | null, verified_after?: string | null}} SummaryRow
 * @typedef {{key: string, value: string, text: string, iso: boolean}} Cell
 */

/**
 * An ISO time from the record -> the reader's local date and time (with the zone, so a printed
 * receipt is unambiguous); '' for a missing or unreadable time.
 * @param {string | null | undefined} iso
 * @param {string} locale BCP 47, e.g. the browser's UI language
 */
export function localTime(iso, locale) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale || undefined, {
    year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short',
  }).format(date);
}

/**
 * @param {SummaryRow} row
 * @param {Map<string, string>} titles
 * @param {string} locale
 * @param {(state: string) => string} stateWord 'on'/'off' -> the reader's word for it
 * @returns {{setting: string, title: string, cells: Cell[]}}
 */
export function receiptRow(row, titles, locale, stateWord) {
  const state = (/** @type {string | null | undefined} */ s) => (s ? stateWord(s) || s : '');
  const time = (/** @type {string | null | undefined} */ iso) => localTime(iso, locale) || iso || '';
  return {
    setting: row.setting,
    title: titles.get(row.setting) || row.setting,
    cells: [
      { key: 'first_seen', value: row.first_seen || '', text: time(row.first_seen), iso: true },
      { key: 'state_before', value: row.state_before || '', text: state(row.state_before), iso: false },
      { key: 'switched_off_at', value: row.switched_off_at || '', text: time(row.switched_off_at), iso: true },
      { key: 'verified_after', value: row.verified_after || '', text: state(row.verified_after), iso: false },
    ],
  };
}
