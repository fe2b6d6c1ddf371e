// How order numbers are put in the trigram indexes. Trigram matches nothing under 3 characters
// (docs/architecture.md), so beside the number itself (order_lines_fts) the number is indexed with every
// character doubled (order_lines_fts2: "CS25" → "CCSS2255"). A 2-character fragment "ab" occurs in
// a number exactly when the trigram "aab" occurs in its doubled form ("aaa" for "aa"): inside a
// doubled number "xxy" only arises where x is followed by y. So a 2-character fragment is one
// trigram lookup, with exact counts; longer fragments are phrases on the plain number.

export function doubled(text: string): string {
  let out = '';
  for (const ch of text) out += ch + ch;
  return out;
}

/** The indexed text of a line's order No.: the line id, plus the order id when the line id does not contain it. */
export function orderNoText(orderId: string, orderLineId: string): string {
  return orderLineId.includes(orderId) ? orderLineId : `${orderId} ${orderLineId}`;
}
