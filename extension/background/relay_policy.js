// What a LinkedIn tab may ask of the host through us. Content scripts only classify what
// they see and record what they changed; history and settings are for our own pages.
export const TAB_REQUEST_TYPES = Object.freeze(['classify', 'record']);

export function allowedFromTab(request) {
  return Boolean(request) && typeof request === 'object' && TAB_REQUEST_TYPES.includes(request.type);
}
