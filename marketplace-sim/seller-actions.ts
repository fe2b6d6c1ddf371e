// Seller actions (docs/marketplace-api.md "Seller actions"): accept/reject a request, deliver, appeal, review
// an unsubscription. Each runs through transitions.ts (S2–S5c) in one transaction and answers the new order line;
// a refused move answers 409 with the current line. The server wraps these routes in the idempotency gate.
import { z } from 'zod';
import { ATTACHMENT_CATEGORIES, RESULT, wireInstant, type AttachmentCategory } from '../common/marketplace/wire';
import type { Seller } from './auth';
import { findAttachment, getTemplate } from './catalog-store';
import type { SimContext } from './context';
import { deliveryProblems } from './delivery-check';
import { notFound, ok, PRECONDITION_FAILED, SimError, validation } from './responses';
import { jsonBody, type Route, type RouteRequest } from './router';
import { SYNC } from './seller-routes';
import {
  conflict,
  sellerAcceptRequest,
  sellerDeliver,
  sellerOpenAppeal,
  sellerRejectRequest,
  sellerReviewUnsubscription,
  type DeliveryAttachment,
  type OrderLine,
  type TransitionContext,
} from './transitions';

const chars = (s: string): number => [...s].length;
const text = (max: number) =>
  z
    .string()
    .refine((s) => s.trim().length > 0, 'is required')
    .refine((s) => chars(s) <= max, `at most ${max} characters`);
const attachmentList = z
  .array(z.object({ attachmentId: z.string().min(1).max(200), category: z.enum(ATTACHMENT_CATEGORIES) }))
  .max(20, 'at most 20 attachments');

const bodies = {
  accept: z.object({}).passthrough(),
  reject: z.object({ reason: text(2000) }),
  delivery: z.object({
    templateVersion: z.number().int(),
    enablingTime: wireInstant.nullable(),
    content: z.record(z.string(), z.unknown()),
    attachments: attachmentList,
  }),
  appeal: z.object({ reason: text(2000), attachments: attachmentList.default([]) }),
  review: z.object({
    decision: z.enum(['agree', 'reject']),
    comments: text(2000),
    attachments: attachmentList.default([]),
  }),
};

interface Applied {
  line: OrderLine;
  detail: unknown;
}

function sellerOf(req: RouteRequest): Seller {
  if (!req.seller) throw new SimError(401, RESULT.auth, 'signature required');
  return req.seller;
}

export function sellerActionRoutes(ctx: SimContext): Route[] {
  /** Load (this seller's line), If-Match, move, save, log — one transaction; a refusal changes nothing. */
  const action = <S extends z.ZodType>(
    suffix: string,
    schema: S,
    move: (line: OrderLine, t: TransitionContext, body: z.infer<S>, seller: Seller) => unknown,
  ): Route => ({
    method: 'POST',
    path: `${SYNC}/order-lines/:orderLineId/${suffix}`,
    handler: (req) => {
      const seller = sellerOf(req);
      const body = jsonBody(req, schema);
      const applied: Applied = ctx.store.transaction(() => {
        const stored = ctx.store.getLine(req.params.orderLineId);
        if (!stored) throw notFound(`no such order line: ${req.params.orderLineId}`);
        if (stored.sellerId !== seller.sellerId)
          throw new SimError(403, RESULT.forbidden, `order line ${req.params.orderLineId} is not this seller's`);
        const ifMatch = headerOf(req, 'if-match');
        if (
          ifMatch !== undefined &&
          ifMatch.replace(/^W\//, '').replace(/"/g, '').trim() !== String(stored.line.version)
        ) {
          throw new SimError(412, PRECONDITION_FAILED, `the order line has moved on (version ${stored.line.version})`, {
            orderLine: stored.line,
          });
        }
        const detail = move(stored.line, { now: req.now, newId: ctx.newId }, body, seller) ?? body;
        ctx.store.saveLine(stored.line, req.now);
        ctx.store.logAction({
          at: req.now,
          actor: 'seller',
          kind: suffix,
          orderLineId: stored.line.orderLineId,
          sellerId: seller.sellerId,
          idempotencyKey: headerOf(req, 'idempotency-key') ?? null,
          detail,
        });
        return { line: stored.line, detail };
      });
      return ok({ orderLine: applied.line });
    },
  });

  /** Every attachment must be this seller's (uploaded or the customer's on their lines). */
  const resolve = (
    list: ReadonlyArray<{ attachmentId: string; category: AttachmentCategory }>,
    seller: Seller,
  ): DeliveryAttachment[] => {
    const problems: Array<{ field: string; message: string }> = [];
    const out: DeliveryAttachment[] = [];
    list.forEach((a, i) => {
      const found = findAttachment(ctx.store, ctx.files, a.attachmentId);
      if (!found || (found.sellerId !== null && found.sellerId !== seller.sellerId))
        problems.push({ field: `attachments.${i}.attachmentId`, message: `no such attachment: ${a.attachmentId}` });
      else
        out.push({
          attachmentId: found.attachmentId,
          fileName: found.fileName,
          contentType: found.contentType,
          size: found.size,
          sha256: found.sha256,
          category: a.category,
        });
    });
    if (problems.length) throw validation(problems);
    return out;
  };

  return [
    action('request/accept', bodies.accept, (line, t) => sellerAcceptRequest(line, t)),
    action('request/reject', bodies.reject, (line, t, body) => sellerRejectRequest(line, t, body.reason)),
    action('deliveries', bodies.delivery, (line, t, body, seller) => {
      // S3 and S5a before the content: a delivery in the wrong stage is a conflict whatever it holds.
      const sup = line.supervision;
      if (!sup) throw conflict(line, `order line ${line.orderLineId} is not under service supervision (S6)`);
      if (sup.appealOpen)
        throw conflict(
          line,
          `an appeal is open on ${line.orderLineId}; the supervision flow is frozen (S5a)`,
          RESULT.appealOpen,
        );
      if (sup.stage !== 'awaiting_delivery' && sup.stage !== 'delivery_returned')
        throw conflict(line, `delivering is not allowed in stage ${sup.stage} (S2/S3)`);
      if (line.templateVersion != null && body.templateVersion !== line.templateVersion) {
        throw conflict(
          line,
          `the delivery was filled against template version ${body.templateVersion}; the order line uses version ${line.templateVersion} (P5)`,
          RESULT.templateOutdated,
        );
      }
      const template = getTemplate(ctx.store, line.productId);
      const attachments = resolve(body.attachments, seller);
      const enablingTimeMs = body.enablingTime === null ? null : Date.parse(body.enablingTime);
      const problems = deliveryProblems(template?.template.items ?? [], {
        content: body.content,
        categories: attachments.map((a) => a.category),
        enablingTimeMs,
        placedAtMs: Date.parse(line.createTime),
        nowMs: t.now,
      });
      if (problems.length) throw validation(problems);
      sellerDeliver(line, t, {
        templateVersion: body.templateVersion,
        enablingTimeMs,
        content: body.content,
        attachments,
      });
      return { ...body, deliveryId: line.supervision?.delivery?.deliveryId };
    }),
    action('appeals', bodies.appeal, (line, t, body, seller) => {
      resolve(body.attachments, seller);
      sellerOpenAppeal(line, t, { reason: body.reason });
    }),
    action('unsubscription/review', bodies.review, (line, t, body, seller) => {
      resolve(body.attachments, seller);
      sellerReviewUnsubscription(line, t, { decision: body.decision, comments: body.comments });
    }),
  ];
}

function headerOf(req: RouteRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
