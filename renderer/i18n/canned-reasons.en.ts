// English UI strings for the seller's saved reject reasons: the Settings list and the reject dialog's quick picks;
// en.ts spreads them in.
export const cannedReasonsEn = {
  'cannedReasons.title': 'Saved reject reasons',
  'cannedReasons.hint': 'Offered as quick picks when you reject a request. Each is 1–2,000 characters.',
  'cannedReasons.empty': 'No saved reasons yet.',
  'cannedReasons.new': 'New reason',
  'cannedReasons.add': 'Add',
  'cannedReasons.remove': 'Remove',
  'cannedReasons.duplicate': 'This reason is already saved.',
  'cannedReasons.full': 'At most {max} reasons can be saved.',
  'cannedReasons.picks': 'Saved reasons',
} as const satisfies Record<string, string>;
