// English words for the error codes main answers with that are not about one screen (common/api/result.ts):
// `not_configured` (no marketplace account yet) and `internal` (an unexpected failure, filed in the log under an id).
// en.ts spreads them in.
export const errorsEn = {
  'error.notConfigured': 'Not connected to the marketplace — set the endpoint, AK and SK in Settings',
  'error.openSettings': 'Open Settings',
  'error.internal': 'Something went wrong inside Seller Desk; the log has the details — error {id}',
};
