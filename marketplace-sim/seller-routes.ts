// Seller sync API reads (docs/marketplace-api.md "Seller sync API"): the order-line and bill feeds, the account,
// delivery templates (ETag / If-None-Match → 304) and attachment bytes.
import { RESULT } from '../common/marketplace/wire';
import { accountWire, getAccount } from './account';
import type { Seller } from './auth';
import { findAttachment, getTemplate } from './catalog-store';
import type { SimContext } from './context';
import { feedPage } from './feed';
import { notFound, ok, SimError, type SimResponse } from './responses';
import type { Route, RouteRequest } from './router';
import type { FeedChunk, SimStore } from './store';

export const SYNC = '/api/seller-sync/v1';

function sellerOf(req: RouteRequest): Seller {
  if (!req.seller) throw new SimError(401, RESULT.auth, 'signature required');
  return req.seller;
}

/** If-None-Match: a list of entity tags or `*` (weak comparison, as for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string): string => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

function billsChunk(store: SimStore, sellerId: string, after: number, limit: number): FeedChunk {
  const [count, lastSeq, json] = store.db
    .prepare(
      "SELECT count(*), max(seq), CAST(group_concat(json, ',') AS BLOB) FROM (SELECT seq, json FROM bills WHERE seq > ? AND seller_id = ? ORDER BY seq LIMIT ?)",
    )
    .raw()
    .get(after, sellerId, limit) as [number, number | null, Buffer | null];
  return { count, lastSeq: lastSeq ?? after, json: json ?? Buffer.alloc(0) };
}

export function sellerReadRoutes(ctx: SimContext): Route[] {
  return [
    {
      method: 'GET',
      path: `${SYNC}/order-lines`,
      handler: (req) => {
        const seller = sellerOf(req);
        return feedPage({
          kind: 'o',
          epoch: ctx.epoch,
          nowMs: req.now,
          query: req.query,
          chunk: (after, limit) => ctx.store.feedChunk(seller.sellerId, after, limit),
          hasMore: (after) => ctx.store.hasLinesAfter(seller.sellerId, after),
        });
      },
    },
    {
      method: 'GET',
      path: `${SYNC}/bills`,
      handler: (req) => {
        const seller = sellerOf(req);
        return feedPage({
          kind: 'b',
          epoch: ctx.epoch,
          nowMs: req.now,
          query: req.query,
          chunk: (after, limit) => billsChunk(ctx.store, seller.sellerId, after, limit),
          hasMore: (after) =>
            ctx.store.db
              .prepare('SELECT 1 FROM bills WHERE seq > ? AND seller_id = ? LIMIT 1')
              .get(after, seller.sellerId) !== undefined,
        });
      },
    },
    {
      method: 'GET',
      path: `${SYNC}/account`,
      handler: (req) => {
        const seller = sellerOf(req);
        return ok(accountWire(seller, getAccount(ctx.store, seller.sellerId))); // B3/B4: the deposit left, certification
      },
    },
    {
      method: 'GET',
      path: `${SYNC}/products/:productId/delivery-template`,
      handler: (req): SimResponse => {
        sellerOf(req);
        const stored = getTemplate(ctx.store, req.params.productId);
        if (!stored) throw notFound(`no such product: ${req.params.productId}`);
        const inm = req.headers['if-none-match'];
        if (etagMatches(Array.isArray(inm) ? inm.join(',') : inm, stored.etag))
          return { status: 304, headers: { ETag: stored.etag }, body: null };
        return {
          status: 200,
          headers: { ETag: stored.etag, 'Cache-Control': 'no-cache' },
          rawJson: true,
          body: `{"resultCode":"${RESULT.ok}","resultMsg":"success",${stored.json.slice(1)}`,
        };
      },
    },
    {
      method: 'GET',
      path: `${SYNC}/attachments/:attachmentId`,
      handler: (req) => {
        const seller = sellerOf(req);
        const a = findAttachment(ctx.store, ctx.files, req.params.attachmentId);
        // Another seller's file is answered like a missing one: ids are not a way to probe other sellers.
        if (!a || (a.sellerId !== null && a.sellerId !== seller.sellerId))
          throw notFound(`no such attachment: ${req.params.attachmentId}`);
        return {
          status: 200,
          headers: {
            'Content-Type': a.contentType,
            'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(a.fileName)}`,
            ETag: `"${a.sha256}"`,
            'X-Content-Sha256': a.sha256,
          },
          body: a.data,
        };
      },
    },
  ];
}
