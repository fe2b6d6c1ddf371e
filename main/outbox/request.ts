// The marketplace request for each seller action (docs/marketplace-api.md "Seller actions"): path and JSON body.
// The body is built once, after the item's attachments are uploaded, and then frozen (outbox.request_json).
import { rfc3986 } from '../sync/signer';
import type { ActionPayload, OutboxKind } from './schemas';

const BASE = '/api/seller-sync/v1/order-lines';

const SUFFIX: Record<OutboxKind, string> = {
  'request.accept': '/request/accept',
  'request.reject': '/request/reject',
  delivery: '/deliveries',
  appeal: '/appeals',
  'unsubscription.review': '/unsubscription/review',
};

export function actionPath(kind: OutboxKind, orderLineId: string): string {
  return `${BASE}/${rfc3986(orderLineId)}${SUFFIX[kind]}`;
}

/** The wire body; `attachmentIds` maps each local SHA-256 to the marketplace's attachmentId. */
export function actionBody(a: ActionPayload, attachmentIds: ReadonlyMap<string, string>): Record<string, unknown> {
  const refs = (list: ReadonlyArray<{ sha256: string; category: string }>) =>
    list.map((x) => {
      const attachmentId = attachmentIds.get(x.sha256);
      if (!attachmentId) throw new Error(`attachment ${x.sha256} was not uploaded`);
      return { attachmentId, category: x.category };
    });
  switch (a.kind) {
    case 'request.accept':
      return {};
    case 'request.reject':
      return { reason: a.payload.reason };
    case 'appeal':
      return { reason: a.payload.reason, attachments: refs(a.payload.attachments) };
    case 'unsubscription.review':
      return { decision: a.payload.decision, comments: a.payload.comments, attachments: refs(a.payload.attachments) };
    case 'delivery':
      return {
        templateVersion: a.payload.templateVersion,
        enablingTime: a.payload.enablingTime === null ? null : new Date(a.payload.enablingTime).toISOString(),
        content: a.payload.content,
        attachments: refs(a.payload.attachments),
      };
  }
}
