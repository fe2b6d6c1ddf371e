// `POST /sim/v1/products/{productId}/template`: the seller "re-releases" a product with a new template version (P1),
// so tests can see a draft filled against an outdated version (P5, 409 MKT.2003).
import { z } from 'zod';
import { isoFromMs } from '../common/domain/time';
import { templateItem } from '../common/marketplace/wire';
import { PRODUCTS } from './catalog';
import { getTemplate, putTemplate } from './catalog-store';
import type { SimContext } from './context';
import { notFound, ok } from './responses';
import { jsonBody, type Route } from './router';
import { maxTemplateVersion, templateItems } from './templates';
import type { OrderLine } from './transitions';

const body = z.object({
  items: z.array(templateItem).min(1).max(100).optional(),
  /** Move undelivered lines of the product to the new version (they re-enter the feed). Default true. */
  applyToOpenLines: z.boolean().default(true),
});

const UNDELIVERED = [
  'awaiting_request',
  'request_pending',
  'request_returned',
  'awaiting_delivery',
  'delivery_returned',
];

export function templateBumpRoute(ctx: SimContext): Route {
  return {
    method: 'POST',
    path: '/sim/v1/products/:productId/template',
    handler: (req) => {
      const input = jsonBody(req, body);
      const current = getTemplate(ctx.store, req.params.productId);
      if (!current) throw notFound(`no such product: ${req.params.productId}`);
      const version = current.template.templateVersion + 1;
      const product = PRODUCTS.find((p) => p.productId === req.params.productId);
      const items =
        input.items ??
        (product && version <= maxTemplateVersion(product.family)
          ? templateItems(product.family, version)
          : current.template.items);
      const moved: string[] = [];
      const stored = ctx.store.transaction(() => {
        const t = putTemplate(ctx.store, { productId: req.params.productId, templateVersion: version, items });
        if (input.applyToOpenLines) {
          const rows = ctx.store.db
            .prepare("SELECT json FROM order_lines WHERE json_extract(json, '$.productId') = ?")
            .pluck()
            .all(req.params.productId) as string[];
          for (const json of rows) {
            const line = JSON.parse(json) as OrderLine;
            if (!line.supervision || !UNDELIVERED.includes(line.supervision.stage) || line.templateVersion === version)
              continue;
            line.templateVersion = version;
            line.supervision.events.push({
              at: isoFromMs(req.now),
              actor: 'marketplace',
              type: 'template_updated',
              note: `template version ${version}`,
            });
            ctx.store.saveLine(line, req.now);
            moved.push(line.orderLineId);
          }
        }
        return t;
      });
      return ok({
        productId: req.params.productId,
        templateVersion: version,
        etag: stored.etag,
        movedOrderLineIds: moved,
      });
    },
  };
}
