// What the open draft changed since the delivery it was pre-filled from (S2/S5b re-delivery, or an earlier delivery
// of the same product): read from the editor session, so the markers follow every keystroke before it is saved.
import { useMemo } from 'react';
import type { ProofAttachmentView } from '../../../common/api/contract-proofs';
import { changedSince, type ChangedSince } from '../../lib/changed-since';
import { useEditor } from './use-proofs';

const NO_FILES: readonly ProofAttachmentView[] = [];

export interface ChangedSinceView {
  changed: ChangedSince;
  /** The basis is this order's own last delivery (a re-delivery), not another order's. */
  sameOrder: boolean;
}

export function useChangedSince(): ChangedSinceView | null {
  const basis = useEditor((e) => e.data?.basis ?? null);
  const template = useEditor((e) => e.data?.template ?? null);
  const content = useEditor((e) => e.content);
  const enablingTime = useEditor((e) => e.enablingTime);
  const attachments = useEditor((e) => e.data?.draft.attachments ?? NO_FILES) ?? NO_FILES;
  return useMemo(
    () =>
      basis && template && content
        ? {
            changed: changedSince(basis, template, { content, enablingTime: enablingTime ?? null, attachments }),
            sameOrder: basis.sameOrder,
          }
        : null,
    [basis, template, content, enablingTime, attachments],
  );
}
