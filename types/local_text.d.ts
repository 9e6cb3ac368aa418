// A setting's title and explanation in the page's (or reader's) language, as the host adds them
// (docs/protocol.md, "Setting texts in the user's language"). Merged into content.d.ts.
interface LocalText {
  lang: string;
  title: string;
  explain?: string | null;
}

interface Verdict {
  /** the texts in `page.lang`; null for English, an unknown language, or when the reply left it off */
  local?: LocalText | null;
}

interface Result {
  /** the verdict's `local`, for the banner's lines (the record keeps the setting id) */
  local?: LocalText | null;
}

interface HostReply {
  /** "repeats": only each setting's first verdict carries `local`; "all": none does */
  local_omitted?: 'repeats' | 'all' | null;
}

interface OptOutContentApi {
  // page_summary.js
  titleOf(x: { title?: string | null; local?: LocalText | null }): string;
  explainOf(x: { explain?: string | null; local?: LocalText | null }): string;
  // host_link.js
  fillRepeatedLocal(reply: HostReply): HostReply;
}
