// React access to the proofs store (renderer/stores/proofs-store.ts), like the hooks in StoresContext.tsx.
import { useStore } from 'zustand';
import { useStores } from '../../stores/StoresContext';
import type { EditorSession, ProofsState } from '../../stores/proofs-store';

export const useProofs = <T>(select: (s: ProofsState) => T): T => useStore(useStores().proofs, select);

/** The open editor session (null when none). */
export const useEditor = <T>(select: (e: EditorSession) => T): T | null =>
  useProofs((s) => (s.editor ? select(s.editor) : null));
