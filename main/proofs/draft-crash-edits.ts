// What each edit of the draft crash test writes, shared by the child that saves and the parent
// that checks: edit n sets content f<n mod 37> = "edit-n" and a longtext of varying length, the enabling time
// (cleared every 5th edit) and, every 7th edit, the attachment list.
import type { DraftPatch } from './draft-types';

export const KEYS = 37;
export const BASE_TIME = Date.parse('2025-04-01T04:00:00.000Z');

/** What edit n writes. */
export function patchFor(n: number, files: readonly string[]): DraftPatch {
  const patch: DraftPatch = {
    content: { [`f${n % KEYS}`]: `edit-${n}`, story: `${'交付记录 delivery log '.repeat(1 + (n % 40))}#${n}` },
    enablingTime: n % 5 === 0 ? null : BASE_TIME + n * 1000,
  };
  if (n % 7 === 0 && files.length > 0)
    patch.attachments = [
      { sha256: files[n % files.length], category: n % 2 ? 'acceptance' : 'sow', fileName: `file-${n}.pdf` },
    ];
  return patch;
}

/** The draft exactly as it must be after edits 1..revision (from an empty draft): nothing partial, nothing lost. */
export function expectedAfter(
  revision: number,
  files: readonly string[],
): Pick<Required<DraftPatch>, 'enablingTime' | 'attachments'> & { content: Record<string, string> } {
  const content: Record<string, string> = {};
  for (let k = 0; k < KEYS; k++) {
    const m = revision - ((((revision - k) % KEYS) + KEYS) % KEYS);
    if (m >= 1) content[`f${k}`] = `edit-${m}`;
  }
  const last = revision >= 1 ? patchFor(revision, files) : null;
  if (last) content.story = last.content!.story as string;
  const m7 = revision - (revision % 7);
  return {
    content,
    enablingTime: last ? (last.enablingTime ?? null) : null,
    attachments: m7 >= 7 && files.length > 0 ? patchFor(m7, files).attachments! : [],
  };
}
