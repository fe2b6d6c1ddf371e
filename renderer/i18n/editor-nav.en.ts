// English strings of the full-size SOW viewer, the problem list's links and the browser host gone away; spread into
// en.ts.
export const editorNavEn = {
  'viewer.open': 'Full size',
  'viewer.openHint': 'Open the statement of work full size (pages, zoom)',
  'viewer.page': 'Page {page} of {pages}',
  'viewer.prev': 'Previous page',
  'viewer.next': 'Next page',
  'viewer.zoomIn': 'Zoom in',
  'viewer.zoomOut': 'Zoom out',
  'viewer.fitWidth': 'Fit width',
  'viewer.zoom': 'Zoom {percent}%',
  'viewer.loading': 'Opening the PDF…',
  'viewer.failed': 'The PDF could not be shown: {message}',
  'viewer.keys': 'Page Up / Page Down: page · + / −: zoom · Esc: close',

  'editor.problemLinkHint': 'Go to this field',

  'host.restarted': 'Seller Desk was restarted or stopped — open it again from the link it printed.',
  'host.restartedHint':
    'Each start of "seller-desk serve" prints a new address with a new access token; this tab’s address no longer works.',
  'host.checkAgain': 'Check again',
  'status.hostRestarted': 'Seller Desk was restarted or stopped',
  'time.justNow': 'just now',
} as const;
