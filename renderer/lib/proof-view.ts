// Pure helpers of the proof editor: the instant validation with the same rules as main
// (common/domain/proof-rules.ts), the datetime-local value of an instant, the P5 move preview, bytes for a download.
import type {
  ProofAttachmentView,
  ProofIssueView,
  ProofTemplateView,
  ProofValue,
} from '../../common/api/contract-proofs';
import { isEmptyValue, resolvedBySow, validateProof } from '../../common/domain/proof-rules';
import type { WireTemplateItem } from '../../common/marketplace/wire';

const pad = (n: number): string => String(n).padStart(2, '0');

/** An instant as a `<input type="datetime-local">` value in the user's time zone (O4), minute precision. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (user's time zone) → UTC ms; null when empty or not a time. */
export function fromLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const ms = new Date(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
  ).getTime();
  return Number.isFinite(ms) ? ms : null;
}

export interface LocalProof {
  content: Readonly<Record<string, ProofValue>>;
  attachments: readonly ProofAttachmentView[];
  enablingTime: number | null;
}

/** Every problem, judged like main judges it (P1–P3, V4), keyed by template item (or attachments / enablingTime). */
export function localIssues(
  template: ProofTemplateView,
  proof: LocalProof,
  bounds: { placedAt: number; now: number },
): ProofIssueView[] {
  return validateProof(
    template,
    {
      content: proof.content,
      attachments: proof.attachments.map((a) => ({
        category: a.category,
        fileName: a.fileName,
        size: a.size ?? undefined,
      })),
      enablingTime: proof.enablingTime,
    },
    { enablingTimeBounds: bounds },
  );
}

/**
 * P1–P3, V4: the problems that keep "Generate SOW" and "Export proof package" from running — every problem but those
 * the generated SOW resolves by itself (main refuses the same ones).
 */
export function blockingIssues(template: ProofTemplateView, issues: readonly ProofIssueView[]): ProofIssueView[] {
  return issues.filter((i) => !resolvedBySow(i, template));
}

export function issuesByKey(issues: readonly ProofIssueView[]): Map<string, ProofIssueView[]> {
  const out = new Map<string, ProofIssueView[]>();
  for (const i of issues) out.set(i.key, [...(out.get(i.key) ?? []), i]);
  return out;
}

export interface MovePreview {
  carried: WireTemplateItem[];
  dropped: Array<{ key: string; title: string }>;
  newRequired: WireTemplateItem[];
}

/** P5: what moving the draft from `from` to `to` would do — carried by key, dropped, new required items. */
export function movePreview(
  from: ProofTemplateView,
  to: ProofTemplateView,
  content: Readonly<Record<string, ProofValue>>,
): MovePreview {
  const oldItems = new Map(from.items.map((i) => [i.key, i]));
  const newItems = new Map(to.items.map((i) => [i.key, i]));
  const carried: WireTemplateItem[] = [];
  const dropped: MovePreview['dropped'] = [];
  for (const [key, value] of Object.entries(content)) {
    if (isEmptyValue(value)) continue;
    const item = newItems.get(key);
    if (item && item.kind !== 'attachment') carried.push(item);
    else dropped.push({ key, title: oldItems.get(key)?.title ?? key });
  }
  const newRequired = to.items.filter((i) => i.required && !oldItems.get(i.key)?.required);
  return { carried, dropped, newRequired };
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** File bytes as base64 for `attachments:add`, in chunks (a 20 MB file would overflow one String.fromCharCode call). */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

/** A short SHA-256 for tight places; the full one is in the title. */
export const shortSha = (sha256: string): string => `${sha256.slice(0, 12)}…${sha256.slice(-6)}`;
