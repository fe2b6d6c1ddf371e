// Match highlighting in the supervision table: which search words apply to which cell, and a cell's text split
// into plain and matching parts (case-insensitive, as the list's search matches ASCII case-insensitively, O1).
import type { ListQuery } from './order-criteria';

export type HighlightField = 'orderNo' | 'customer' | 'product';
export type HighlightTerms = Record<HighlightField, readonly string[]>;

export const NO_TERMS: HighlightTerms = { orderNo: [], customer: [], product: [] };

/** Free text is split on whitespace (every word matches somewhere); a field's own term is one phrase. */
export function highlightTerms(
  q: Pick<ListQuery, 'text' | 'orderNo' | 'customerName' | 'productName'>,
): HighlightTerms {
  const words = q.text ? q.text.split(/\s+/u).filter(Boolean) : [];
  return {
    orderNo: [...words, ...(q.orderNo ? [q.orderNo] : [])],
    customer: [...words, ...(q.customerName ? [q.customerName] : [])],
    product: [...words, ...(q.productName ? [q.productName] : [])],
  };
}

export interface Part {
  text: string;
  match: boolean;
}

/** `text` cut into parts; overlapping or touching matches of several terms merge into one. */
export function splitMatches(text: string, terms: readonly string[]): Part[] {
  const needles = terms.map((t) => t.toLowerCase()).filter((t) => t.length > 0);
  if (needles.length === 0 || text === '') return [{ text, match: false }];
  const hay = text.toLowerCase();
  // toLowerCase keeps UTF-16 lengths for the scripts order data uses (Latin, CJK), so indices map back.
  if (hay.length !== text.length) return [{ text, match: false }];
  const marked = new Array<boolean>(text.length).fill(false);
  for (const n of needles) {
    for (let i = hay.indexOf(n); i >= 0; i = hay.indexOf(n, i + 1)) marked.fill(true, i, i + n.length);
  }
  const parts: Part[] = [];
  for (let i = 0; i < text.length;) {
    let j = i;
    while (j < text.length && marked[j] === marked[i]) j++;
    parts.push({ text: text.slice(i, j), match: marked[i] });
    i = j;
  }
  return parts;
}
