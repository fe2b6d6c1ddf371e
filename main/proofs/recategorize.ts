// An attached file's category changed after upload (P3): the same file (same SHA-256, no second upload) moves to the
// chosen category in place, so "Other attachments" never has to keep a wrong category and the SOW's attachment
// index lists the file under the category it really is.
import { AppError } from '../../common/api/result';
import type { AttachmentCategory } from '../../common/marketplace/wire';
import type { Db } from '../db/connection';
import type { Clock, Draft } from './draft-types';
import { saveDraft } from './drafts';
import { requireDraft } from './drafts-repo';

export function recategorizeFile(
  db: Db,
  draftId: string,
  which: { sha256: string; from: AttachmentCategory; to: AttachmentCategory },
  deps: { clock: Clock },
): Draft {
  return db.transaction(() => {
    const d = requireDraft(db, draftId);
    const at = d.attachments.findIndex((a) => a.sha256 === which.sha256 && a.category === which.from);
    if (at < 0)
      throw new AppError('not_found', 'that file is not attached to this draft in that category', {
        reason: 'no_attachment',
      });
    if (which.from === which.to) return d;
    const moved = { ...d.attachments[at], category: which.to };
    // The same file already in the target category: the two entries become one.
    const already = d.attachments.some((a) => a.sha256 === which.sha256 && a.category === which.to);
    const attachments = already
      ? d.attachments.filter((_, i) => i !== at)
      : d.attachments.map((a, i) => (i === at ? moved : a));
    return saveDraft(db, draftId, { attachments }, deps);
  })();
}
