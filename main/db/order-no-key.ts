// How order numbers are put in the trigram index (order_lines_fts). Trigram matches nothing under
// 3 characters (perf-notes.md), so beside the number itself (order_no) the index holds it with every
// character doubled (order_no2: "CS25" → "CCSS2255"): t is a substring of s exactly when
// doubled(t) is a substring of doubled(s), and doubled(t) has 4 characters for |t| = 2, so
// 2-character fragments are found through the index too. Longer terms use the plain column: long
// doubled phrases are slow (their trigrams are common).

export function doubled(text: string): string {
  let out = '';
  for (const ch of text) out += ch + ch;
  return out;
}

/** The indexed text of a line's order No.: the line id, plus the order id when the line id does not contain it. */
export function orderNoText(orderId: string, orderLineId: string): string {
  return orderLineId.includes(orderId) ? orderLineId : `${orderId} ${orderLineId}`;
}
