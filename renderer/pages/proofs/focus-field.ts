// Keyboard flow in the proof editor: where focus goes when it opens, and the way from a problem (P1–P3, V4) to the
// field it is about — scrolled into view and focused, so the fix is one keystroke away.

const FOCUSABLE =
  'input:not([type=hidden]):not([tabindex="-1"]):not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled])';

/** The element a problem of `key` is about: the item's control, the enabling time, or the other attachments. */
export function fieldOf(root: ParentNode, key: string): HTMLElement | null {
  if (key === 'enablingTime') return root.querySelector<HTMLElement>('[data-testid="enabling-time"]');
  const place =
    key === 'attachments'
      ? root.querySelector('[data-testid="other-files"]')
      : root.querySelector(`[data-testid="proof-item-${CSS.escape(key)}"]`);
  return place?.querySelector<HTMLElement>(FOCUSABLE) ?? null;
}

/** Scrolls to `el` (centred, so the problem under it shows too) and focuses it. */
export function reveal(el: HTMLElement | null): boolean {
  if (!el) return false;
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
  return true;
}

/** The first field with a problem shown, in the order a reader meets them (the items, then the aside). */
export function firstProblemField(root: ParentNode): HTMLElement | null {
  const place = root.querySelector<HTMLElement>(
    '.proof-item.has-problem, [data-testid="enabling-time"][aria-invalid="true"], [data-testid="other-files"]:has(.field-error)',
  );
  if (!place) return null;
  return place.matches(FOCUSABLE) ? place : place.querySelector<HTMLElement>(FOCUSABLE);
}

/** Where focus lands when a draft opens: its first editable item, else (read-only) the editor's heading. */
export function openingFocus(root: ParentNode): HTMLElement | null {
  return (
    root.querySelector<HTMLElement>(`.proof-item ${FOCUSABLE.split(', ').join(', .proof-item ')}`) ??
    root.querySelector<HTMLElement>('h1')
  );
}
