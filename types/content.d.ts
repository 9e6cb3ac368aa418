// What the content scripts share (extension/content/). They are classic scripts the browser runs in order in one
// isolated world (manifest.json), each adding its part to `OptOutContent`; this file gives
// tsc (tsconfig.json) the shape of that namespace and of the data passed around. Not shipped
// to the browser. Wire formats follow docs/protocol.md.

type OnOff = 'on' | 'off';
type ControlKind = 'switch' | 'checkbox' | 'radio';

/** One control of a classify request (a snapshot of the page). */
interface Control {
  ref: string;
  kind: ControlKind;
  checked: boolean;
  attrs: Record<string, string>;
  label: string;
  context: string;
}

interface Snapshot {
  page: { url_path: string; lang: string; title: string };
  controls: Control[];
}

/** The host's verdict for one control, after the category policy (skip_reason). */
interface Verdict {
  ref: string;
  setting: string | null;
  title: string | null;
  category: string;
  shares_when: 'on' | 'off' | 'never' | null;
  state: OnOff;
  shares_data: boolean;
  confidence: 'high' | 'low' | 'none';
  doubt: string | null;
  action: 'flip' | 'highlight' | 'none';
  explain?: string | null;
  skip_reason?: string;
}

interface HostError {
  code: number;
  name: string;
  message: string;
}

/** A reply from optout-host (relayed by the service worker), or an error in the same shape. */
interface HostReply {
  ok: boolean;
  error?: HostError;
  verdicts?: Verdict[];
  recorded_at?: string;
  added?: boolean;
  [field: string]: unknown;
}

type HostRequestBody = { type: string; [field: string]: unknown };
type HostRequest = (request: HostRequestBody) => Promise<HostReply>;

/** What one attempt on one control came to (shown, recorded, reported to tours). */
interface Result {
  ref?: string;
  setting: string | null;
  title?: string | null;
  kind?: ControlKind;
  outcome: string;
  before?: OnOff | 'missing' | null;
  after?: OnOff | 'missing' | null;
  verified?: boolean;
  reason?: string;
  /** the reason as a message and its values, for the banner (the English `reason` is recorded) */
  reason_msg?: { key: string; subs?: Array<string | number> };
  recorded_at?: string | null;
  record_error?: string | null;
  confirmed_by_user?: boolean;
  learned?: boolean;
  learn_added?: boolean;
  learn_error?: string;
  learn_error_msg?: string;
}

interface PageSummary {
  known: Verdict[];
  flips: Verdict[];
  confirmable: Verdict[];
  checkYourself: Verdict[];
  skipped: Verdict[];
  off: Verdict[];
  unknown: Verdict[];
  unknownOn: Verdict[];
  sharingSettings: number;
  maybeSettings: number;
}

/** One row per setting, for the popup, the badge and the tours. */
interface SettingRow {
  ref: string;
  setting: string;
  title: string | null;
  category: string;
  kind: ControlKind | undefined;
  state: OnOff;
  shares_data: boolean;
  confidence: Verdict['confidence'];
  doubt: string | null;
  action: Verdict['action'];
  skip_reason: string | undefined;
  confirmable: boolean;
  controls: number;
}

interface Highlight {
  el: Element;
  kind: 'share' | 'maybe' | 'unknown' | 'off';
  tag: string;
}

interface BannerChoice {
  ref: string;
  setting: string | null;
  text: string;
  label: string;
  disabled: boolean;
}

interface BannerModel {
  state: string;
  tone: 'info' | 'warn' | 'ok' | 'error';
  title: string;
  body?: string | null;
  code?: string;
  items: string[];
  choices: BannerChoice[];
  optOut?: { label: string; disabled: boolean } | null;
}

/** What the overlay draws: the model plus the handlers main.js wires to its buttons. */
interface BannerView {
  state?: string;
  tone?: string;
  title: string;
  body?: string | null;
  code?: string;
  items?: string[];
  button?: { label: string; disabled: boolean; onClick: () => void } | null;
  choices?: Array<{ text: string; label: string; disabled: boolean; attrs: Record<string, string>; onClick: () => void }>;
}

interface Overlay {
  host: HTMLElement;
  isOwnMutation(m: MutationRecord): boolean;
  destroy(): void;
  setHighlights(list: Highlight[]): void;
  showBanner(model: BannerView): void;
  hideBanner(): void;
}

interface OverlayGuard {
  mount(): void;
  unmount(): void;
}

interface HostLink {
  open(): void;
  request: HostRequest;
  status(status: unknown): void;
  close(): void;
}

interface ScanSchedule {
  running(): boolean;
  start(byNavigation?: boolean): void;
  look(byNavigation?: boolean): void;
  stop(): void;
  later(): void;
  now(): void;
}

interface PageFacts {
  pathname: string;
  isSettingsPath: boolean;
  title: string;
  headings: string[];
  hasSignInForm: boolean;
  hasControls: boolean;
}

type PageProblem = 'signed_out' | 'not_found';

interface Runtime {
  id: string;
  getURL(path: string): string;
}

interface OptOutContentApi {
  // platform.js
  platform: {
    showInTopLayer(el: HTMLElement): boolean;
    leftTopLayer(el: HTMLElement): boolean;
    watchPath(onChange: (pathname: string) => void): () => void;
  };
  // settings_paths.js, objection_form.js
  isSettingsPath(pathname: string): boolean;
  isObjectionFormPath(pathname: string): boolean;
  OBJECTION_TEXT: string;
  prefillObjectionForm(hostRequest: HostRequest): void;
  // control_state.js
  readState(el: Element): OnOff;
  sleep(ms: number): Promise<void>;
  waitForValue<T>(read: () => T, want: T, timeoutMs: number, stepMs?: number): Promise<T>;
  // text_clip.js
  clipText(text: string, maxBytes: number, maxCodePoints?: number): string;
  utf8Length(text: string): number;
  // read_controls.js
  CONTROL_SELECTOR: string;
  elementForRef(ref: string): HTMLElement | null;
  buildSnapshot(ownRoot?: Node): Snapshot;
  // page_problem.js
  pageProblemOf(facts: PageFacts): PageProblem | null;
  readPageProblem(): PageProblem | null;
  // overlay_guard.js, overlay.js, highlights.js
  HOST_CSS: string;
  guardOverlayHost(host: HTMLElement): OverlayGuard;
  createOverlay(): Overlay;
  highlightsFor(verdicts: Verdict[], controlOf: Map<string, Control>, elementFor: (ref: string) => Element | null): Highlight[];
  // policy.js
  DEFAULT_CATEGORIES: string[];
  SKIPPED_CATEGORY: string;
  applyPolicy(verdicts: Verdict[], categories: string[]): Verdict[];
  loadCategories(): Promise<string[]>;
  // two_controls.js, page_summary.js, banner_model.js
  controlsPerSetting(verdicts: Verdict[], controlOf: Map<string, Control>): Map<string, number>;
  markTwoControls(verdicts: Verdict[], controlOf: Map<string, Control>): Verdict[];
  twoControlsReason(n: number): string;
  summarizePage(verdicts: Verdict[], controlOf: Map<string, Control>): PageSummary;
  settingsView(summary: PageSummary, controlOf: Map<string, Control>): SettingRow[];
  resultLine(r: Result): string;
  reasonText(r: { reason?: string; reason_msg?: { key: string; subs?: Array<string | number> } }): string;
  failureReason(key: string, english: string, ...subs: Array<string | number>): { reason: string; reason_msg?: { key: string; subs: Array<string | number> } };
  bannerModel(input: { verdicts: Verdict[]; controlOf: Map<string, Control>; results: Result[] | null; busy: boolean; hostError: HostError | null }): BannerModel | null;
  // opt_out.js, confirm_maybe.js
  flipOne(verdict: Verdict, control: Control | undefined): Promise<Result>;
  recordResult(result: Result, verdict: Verdict, control: Control | undefined, snapshot: Snapshot, hostRequest: HostRequest, extra?: Record<string, unknown>): Promise<Result>;
  optOut(verdicts: Verdict[], snapshot: Snapshot, hostRequest: HostRequest, only?: string[]): Promise<Result[]>;
  restore(verdicts: Verdict[], snapshot: Snapshot, hostRequest: HostRequest, wanted: Array<{ setting: string; state: OnOff }>): Promise<Result[]>;
  confirmMaybe(verdict: Verdict, snapshot: Snapshot, hostRequest: HostRequest): Promise<Result[]>;
  // unrecognised_report.js
  redactForReport(text: string): string;
  unrecognisedReport(snapshot: Snapshot, verdicts: Verdict[]): object;
  // our_pages.js, host_link.js, scan_schedule.js
  fromOurExtensionPage(sender: chrome.runtime.MessageSender | undefined, runtime: Runtime): boolean;
  listenToOurPages(handlers: Record<string, (msg: { [field: string]: unknown }) => unknown>): void;
  createHostLink(timeoutMs?: number, resync?: () => HostRequestBody | null): HostLink;
  createScanSchedule(scan: () => void, isOwn: (m: MutationRecord) => boolean, debounceMs?: number): ScanSchedule;
}

declare var OptOutContent: OptOutContentApi;
