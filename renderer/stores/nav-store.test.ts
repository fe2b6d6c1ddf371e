import { describe, expect, it } from 'vitest';
import { createNavStore } from './nav-store';

describe('nav store: where "Back" in the proof editor returns', () => {
  it('remembers the order the editor was opened from, and forgets it when opened from the list', () => {
    const nav = createNavStore();
    nav.getState().toEditor('L-1');
    expect(nav.getState()).toMatchObject({ page: 'proofs', editorFrom: 'L-1' });
    nav.getState().go('settings'); // the sidebar keeps it: coming back, "Back" still returns to the order
    expect(nav.getState().editorFrom).toBe('L-1');
    nav.getState().toEditor(null);
    expect(nav.getState()).toMatchObject({ page: 'proofs', editorFrom: null });
  });
});
