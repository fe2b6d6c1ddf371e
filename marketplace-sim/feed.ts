// The change feeds (docs/marketplace-api.md "Feeds"): opaque cursors that expire after 30 days (410), pages assembled
// from the stored JSON text without re-serialising (a 500-line page is one string join).
import { DAY_MS } from '../common/domain/time';
import { RESULT } from '../common/marketplace/wire';
import { SimError, badParam, type SimResponse } from './responses';
import type { FeedChunk } from './store';

/** A cursor stays valid at least 30 days (by the simulator's clock). */
export const CURSOR_TTL_MS = 30 * DAY_MS;
export const DEFAULT_LIMIT = 200;
export const MAX_LIMIT = 500;

export type FeedKind = 'o' | 'b';

export interface Cursor {
  kind: FeedKind;
  /** The store's epoch: a cursor from another database (e.g. a restarted in-memory simulator) restarts the feed. */
  epoch: string;
  seq: number;
  issuedAt: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`1.${c.kind}.${c.epoch}.${c.seq}.${c.issuedAt}`, 'utf8').toString('base64url');
}

/** Malformed → 400 MKT.0101; another feed's or database's cursor, or older than 30 days → 410 MKT.2410. */
export function decodeCursor(text: string, kind: FeedKind, epoch: string, nowMs: number): number {
  const raw = /^[A-Za-z0-9_-]{1,200}$/.test(text) ? Buffer.from(text, 'base64url').toString('utf8') : '';
  const m = /^1\.([ob])\.([0-9a-f]{8})\.(\d{1,15})\.(\d{1,15})$/.exec(raw);
  if (!m) throw badParam('cursor is malformed');
  if (m[1] !== kind) throw badParam('cursor belongs to another feed');
  if (m[2] !== epoch)
    throw new SimError(
      410,
      RESULT.cursorExpired,
      'cursor is no longer valid (the feed was reset); restart from the beginning',
    );
  if (nowMs - Number(m[4]) > CURSOR_TTL_MS)
    throw new SimError(410, RESULT.cursorExpired, 'cursor expired (older than 30 days); restart from the beginning');
  return Number(m[3]);
}

/** `limit`: absent → 200; otherwise an integer 1–500 (else 400 MKT.0101). */
export function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > MAX_LIMIT)
    throw badParam(`limit must be an integer from 1 to ${MAX_LIMIT}`);
  return Number(value);
}

export interface FeedRequest {
  kind: FeedKind;
  epoch: string;
  nowMs: number;
  query: Map<string, string>;
  chunk(afterSeq: number, limit: number): FeedChunk;
  hasMore(afterSeq: number): boolean;
}

const PAGE_HEAD = Buffer.from(`{"resultCode":"${RESULT.ok}","resultMsg":"success","items":[`);

export function feedPage(req: FeedRequest): SimResponse {
  for (const key of req.query.keys())
    if (key !== 'cursor' && key !== 'limit') throw badParam(`unknown parameter: ${key}`);
  const limit = parseLimit(req.query.get('limit'));
  const cursorText = req.query.get('cursor');
  const after =
    cursorText === undefined || cursorText === '' ? 0 : decodeCursor(cursorText, req.kind, req.epoch, req.nowMs);
  const chunk = req.chunk(after, limit);
  const hasMore = chunk.count === limit && req.hasMore(chunk.lastSeq);
  const next = encodeCursor({ kind: req.kind, epoch: req.epoch, seq: chunk.lastSeq, issuedAt: req.nowMs });
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
    body: null,
    parts: [PAGE_HEAD, chunk.json, Buffer.from(`],"nextCursor":"${next}","hasMore":${hasMore}}`)],
  };
}
