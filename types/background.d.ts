// Shapes the service worker keeps in chrome.storage.local and passes between its modules
// (extension/background/). For tsc only (tsconfig.json); not shipped to the browser.

interface TourSetting { id: string; title: string }
interface TourPage { path: string; settings: TourSetting[] }

/** One report line of a tour: one per expected setting (tour_report.js). */
interface TourLine {
  setting: string;
  title: string;
  page: string;
  outcome: string;
  reason?: string;
  before?: string | null;
  after?: string | null;
  recorded_at?: string | null;
  kind?: string;
  controls?: number;
}

interface Tour {
  id: string;
  mode: 'preview' | 'optout' | 'undo' | 'recheck';
  started_at: string;
  pages: TourPage[];
  index: number;
  attempts: Record<number, number>;
  results: TourLine[];
  finished_at: string | null;
  stopped?: 'signed_out';
  restore?: Array<{ setting: string; state: string }>;
}

/** A tab's status as its content script reports it (main.js statusForPopup). */
interface TabStatusReport {
  url_path?: string;
  page_state?: 'signed_out' | 'not_found' | null;
  hostError?: { code: number; name: string; message: string } | null;
  busy?: boolean;
  settings?: Array<{ setting: string; state: string; shares_data: boolean; action: string; kind?: string; doubt?: string | null; skip_reason?: string; controls?: number; confidence?: string; title?: string | null }>;
  unknown?: number;
  unknown_on?: number;
  sharing?: number;
  maybe?: number;
  skipped?: number;
  results?: Array<{ setting: string | null; outcome: string; reason?: string; before?: string | null; after?: string | null; recorded_at?: string | null }> | null;
}

interface TourDeps {
  origin: string;
  save(tour: Tour): Promise<void>;
  openTab(url: string): Promise<number>;
  closeTab(tabId: number): Promise<void>;
  sendToTab(tabId: number, msg: { kind: string; [field: string]: unknown }): Promise<TabStatusReport | null>;
  waitForStatus(tabId: number, ready: (status: TabStatusReport) => boolean, timeoutMs: number): Promise<TabStatusReport | null>;
  now(): number;
}
