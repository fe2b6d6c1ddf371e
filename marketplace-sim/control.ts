// The control API (`/sim/v1/…`, docs/marketplace-api.md "Simulator control API"): plays the customer and the back
// office, moves the clock, injects faults and shows everything for assertions. Loopback + X-Sim-Token (server.ts).
import { z } from 'zod';
import { isoFromMs } from '../common/domain/time';
import { wireMoney } from '../common/marketplace/wire';
import { accountRoutes } from './account';
import { billsRunRoute } from './bills';
import { putAttachment } from './catalog-store';
import type { SimContext } from './context';
import { createLinesRoute } from './control-lines';
import { templateBumpRoute } from './control-templates';
import { faultRule } from './faults';
import { notFound, ok, validation } from './responses';
import { jsonBody, type Route, type RouteRequest } from './router';
import { samplePdf, samplePng } from './sample-files';
import { stateRoute } from './state';
import { usageRoute } from './usage';
import {
  APPEAL_OUTCOMES,
  customerAcceptDelivery,
  customerRequestUnsubscription,
  customerReturnDelivery,
  customerSubmitRequest,
  resolveAppeal,
  sellerOpenAppeal,
  type OrderLine,
  type TransitionContext,
} from './transitions';

const text = (max: number) => z.string().trim().min(1).max(max);

const requestBody = z.object({
  description: text(4000),
  attachments: z
    .array(z.object({ fileName: text(255), contentType: z.string().optional(), contentBase64: z.string().optional() }))
    .max(20)
    .optional(),
});
const reasonBody = z.object({ reason: text(2000) });
const unsubscribeBody = z.object({ amount: wireMoney, reason: text(2000) });
const resolveBody = z.object({
  outcome: z.enum(APPEAL_OUTCOMES).default('resume'),
  note: z.string().max(2000).optional(),
});
const clockBody = z
  .object({ now: z.union([z.number().int(), z.string()]).optional(), advanceMs: z.number().int().optional() })
  .refine((b) => (b.now === undefined) !== (b.advanceMs === undefined), { message: 'give either now or advanceMs' });
const faultsBody = z.object({ rules: z.array(faultRule).max(100), append: z.boolean().optional() });

type Actor = 'customer' | 'marketplace';

/** Load → move (transitions.ts) → save: one transaction, the line re-enters the feed with version + 1. */
function lineAction<S extends z.ZodType>(
  ctx: SimContext,
  path: string,
  actor: Actor,
  schema: S,
  move: (line: OrderLine, t: TransitionContext, body: z.infer<S>, req: RouteRequest, sellerId: string) => void,
): Route {
  return {
    method: 'POST',
    path: `/sim/v1/order-lines/:orderLineId/${path}`,
    handler: (req) => {
      const body = jsonBody(req, schema);
      const line = ctx.store.transaction(() => {
        const stored = ctx.store.getLine(req.params.orderLineId);
        if (!stored) throw notFound(`no such order line: ${req.params.orderLineId}`);
        move(stored.line, { now: req.now, newId: ctx.newId }, body, req, stored.sellerId);
        ctx.store.saveLine(stored.line, req.now);
        ctx.store.logAction({
          at: req.now,
          actor,
          kind: path,
          orderLineId: stored.line.orderLineId,
          sellerId: stored.sellerId,
          detail: body,
        });
        return stored.line;
      });
      return ok({ orderLine: line });
    },
  };
}

export function controlRoutes(ctx: SimContext): Route[] {
  const clockAnswer = () => ok({ now: ctx.clock.now(), iso: isoFromMs(ctx.clock.now()) });
  return [
    createLinesRoute(ctx),
    lineAction(ctx, 'customer/request', 'customer', requestBody, (line, t, body, req, sellerId) => {
      const attachments = (body.attachments ?? []).map((a) => {
        const png = /\.png$/i.test(a.fileName);
        const data =
          a.contentBase64 !== undefined
            ? Buffer.from(a.contentBase64, 'base64')
            : png
              ? samplePng(a.fileName)
              : samplePdf(a.fileName);
        const contentType = a.contentType ?? (png ? 'image/png' : 'application/pdf');
        return putAttachment(ctx.store, {
          attachmentId: ctx.newId('AT'),
          sellerId,
          fileName: a.fileName,
          contentType,
          data,
          at: req.now,
        });
      });
      customerSubmitRequest(line, t, { description: body.description, attachments });
    }),
    lineAction(ctx, 'customer/accept', 'customer', z.object({}).passthrough(), (line, t) =>
      customerAcceptDelivery(line, t),
    ),
    lineAction(ctx, 'customer/return', 'customer', reasonBody, (line, t, body) =>
      customerReturnDelivery(line, t, body.reason),
    ),
    lineAction(ctx, 'customer/unsubscribe', 'customer', unsubscribeBody, (line, t, body) =>
      customerRequestUnsubscription(line, t, body),
    ),
    // The back office can also open an appeal on the seller's behalf (demo and tests of S5a).
    lineAction(ctx, 'appeal/open', 'marketplace', reasonBody, (line, t, body) => sellerOpenAppeal(line, t, body)),
    lineAction(ctx, 'appeal/resolve', 'marketplace', resolveBody, (line, t, body) =>
      resolveAppeal(line, t, body.outcome, body.note),
    ),
    { method: 'GET', path: '/sim/v1/clock', handler: clockAnswer },
    {
      method: 'POST',
      path: '/sim/v1/clock',
      handler: (req) => {
        const body = jsonBody(req, clockBody);
        if (body.advanceMs !== undefined) ctx.clock.advance(body.advanceMs);
        else {
          const ms = typeof body.now === 'string' ? Date.parse(body.now) : (body.now as number);
          if (!Number.isFinite(ms))
            throw validation([{ field: 'now', message: 'not an instant (UTC ms or RFC 3339)' }]);
          ctx.clock.set(ms);
        }
        return clockAnswer();
      },
    },
    { method: 'GET', path: '/sim/v1/faults', handler: () => ok({ rules: ctx.faults.list() }) },
    {
      method: 'POST',
      path: '/sim/v1/faults',
      handler: (req) => {
        const body = jsonBody(req, faultsBody);
        if (body.append) ctx.faults.add(body.rules);
        else ctx.faults.set(body.rules);
        return ok({ rules: ctx.faults.list() });
      },
    },
    {
      method: 'DELETE',
      path: '/sim/v1/faults',
      handler: () => {
        ctx.faults.clear();
        return ok({ rules: [] });
      },
    },
    {
      method: 'DELETE',
      path: '/sim/v1/requests',
      handler: () => {
        ctx.counters.reset();
        return ok({ requests: ctx.counters.snapshot() });
      },
    },
    stateRoute(ctx),
    templateBumpRoute(ctx),
    billsRunRoute(ctx),
    usageRoute(ctx),
    ...accountRoutes(ctx),
  ];
}
