// Test support: a valid user input for each action kind on a given line (deliveries filled from the product's
// delivery template as the simulator serves it, P1), with attachments added to the local store.
import type { WireOrderLine } from '../../../common/marketplace/wire';
import { samplePdf, samplePng } from '../../../marketplace-sim/sample-files';
import type { AttachmentStore } from '../../files/store';
import type { MarketplaceClient } from '../../sync/client';
import type { OutboxKind } from '../schemas';

export const STAGE_FOR: Record<OutboxKind, 'request_pending' | 'awaiting_delivery' | 'awaiting_acceptance'> = {
  'request.accept': 'request_pending',
  'request.reject': 'request_pending',
  delivery: 'awaiting_delivery',
  appeal: 'awaiting_acceptance',
  'unsubscription.review': 'awaiting_delivery',
};

/** What the marketplace logs for each kind (the simulator's action_log `kind`, matched loosely). */
export const SIM_KIND: Record<OutboxKind, RegExp> = {
  'request.accept': /accept/,
  'request.reject': /reject/,
  delivery: /deliver/,
  appeal: /appeal/,
  'unsubscription.review': /unsubscription|review/,
};

export async function inputFor(
  kind: OutboxKind,
  line: WireOrderLine,
  deps: { store: AttachmentStore; client: MarketplaceClient },
  n = 0,
): Promise<Record<string, unknown>> {
  const pdf = async (name: string) =>
    (await deps.store.addBytes(samplePdf(`${name} for ${line.orderLineId}`), `${name}.pdf`)).sha256;
  switch (kind) {
    case 'request.accept':
      return {};
    case 'request.reject':
      return { reason: `请补充部署环境 / please add the deployment environment (#${n})` };
    case 'appeal': {
      const unreachable = n % 2 === 0;
      return {
        reason: `customer has not accepted for 30 days (#${n})`,
        customerUnreachable: unreachable,
        attachments: [
          {
            sha256: await pdf(unreachable ? 'commitment-letter' : 'evidence'),
            category: unreachable ? 'commitment_letter' : 'other',
          },
        ],
      };
    }
    case 'unsubscription.review':
      return {
        decision: n % 2 === 0 ? 'agree' : 'reject',
        comments: `review #${n}`,
        attachments: n % 3 === 0 ? [{ sha256: await pdf('review'), category: 'other' }] : [],
      };
    case 'delivery': {
      const answer = await deps.client.getDeliveryTemplate(line.productId, null);
      if (answer.notModified) throw new Error('unexpected 304');
      const content: Record<string, unknown> = {};
      const attachments: Array<{ sha256: string; category: string }> = [];
      for (const item of answer.template.items) {
        if (item.kind === 'attachment') {
          const category = item.attachmentCategory ?? 'other';
          const sha256 =
            category === 'license_validity' || category === 'deployment'
              ? (await deps.store.addBytes(samplePng(`${item.key} ${line.orderLineId}`), `${item.key}.png`)).sha256
              : await pdf(item.key);
          attachments.push({ sha256, category });
          continue;
        }
        if (item.kind === 'text' || item.kind === 'longtext') content[item.key] = `done: ${item.title}`;
        if (item.kind === 'date') content[item.key] = '2025-06-01';
        if (item.kind === 'number') content[item.key] = 3;
        if (item.kind === 'checklist') content[item.key] = item.options ?? [];
      }
      if (!attachments.some((a) => a.category === 'acceptance' || a.category === 'sow'))
        attachments.push({ sha256: await pdf('acceptance'), category: 'acceptance' });
      return { templateVersion: answer.template.templateVersion, enablingTime: null, content, attachments };
    }
  }
}
