// What host_link.js adds to `OptOutContent` for the UI text in LinkedIn's page language
// (extension/shared/i18n.js describes the design). Merged into content.d.ts's interface.
interface OptOutContentApi {
  pageLanguage(): string;
  fillText(text: string, subs: Array<string | number | null | undefined>): string;
  t(key: string, ...subs: Array<string | number | null | undefined>): string;
  setUiText(table: unknown): void;
  onUiText(listener: () => void): void;
}
