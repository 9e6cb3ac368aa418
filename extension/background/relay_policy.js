// @ts-check
// What a LinkedIn tab may ask of the host through us. Content scripts classify what they see,
// record what they changed, and teach the host a switch the member confirmed by their own
// click (learn); history and settings are for our own pages. A learned label can only ever make
// the host flip toward privacy: it never answers flip toward sharing.
export const TAB_REQUEST_TYPES = Object.freeze(['classify', 'record', 'learn']);

export function allowedFromTab(request) {
  return Boolean(request) && typeof request === 'object' && TAB_REQUEST_TYPES.includes(request.type);
}
