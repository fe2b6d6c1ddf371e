// What a draft is judged against: its order line (from the local cache) and its template version (P1).
import type { OrderDetail } from '../../common/api/types';
import { AppError } from '../../common/api/result';
import { validityPeriod, type Validity } from '../../common/domain/validity';
import type { Stage } from '../../common/marketplace/wire';
import type { ReadDb } from '../db/connection';
import { getOrderLine } from '../orders/order-lines';
import { getTemplate, type StoredTemplate } from './templates';

/** S3: the seller can deliver only in these stages. */
export const DELIVERABLE_STAGES: readonly Stage[] = ['awaiting_delivery', 'delivery_returned'];

export function isDeliverable(stage: Stage | null): boolean {
  return stage !== null && DELIVERABLE_STAGES.includes(stage);
}

export function requireOrder(db: ReadDb, orderLineId: string): OrderDetail {
  const order = getOrderLine(db, orderLineId);
  if (!order)
    throw new AppError('not_found', `order line ${orderLineId} is not in the local cache; sync or import it first`, {
      reason: 'no_order',
    });
  return order;
}

/** P1: the template version an order line uses now; null when the marketplace gave none and none is cached. */
export function currentTemplateVersion(db: ReadDb, order: OrderDetail): number | null {
  if (order.line.templateVersion != null) return order.line.templateVersion;
  return getTemplate(db, order.productId)?.templateVersion ?? null;
}

export function requireTemplate(db: ReadDb, productId: string, version: number): StoredTemplate {
  const t = getTemplate(db, productId, version);
  if (!t) {
    throw new AppError(
      'not_found',
      `delivery template version ${version} of product ${productId} is not cached yet; sync first (P1)`,
      {
        reason: 'no_template',
        productId,
        templateVersion: version,
      },
    );
  }
  return t;
}

/** "stage awaiting_delivery → awaiting_acceptance, template version 3 → 4" */
export function describeChanges(changes: ReadonlyArray<{ field: string; from: unknown; to: unknown }>): string {
  const label: Record<string, string> = {
    stage: 'stage',
    status: 'order status',
    templateVersion: 'template version',
    appealOpen: 'appeal open',
    outbox: 'delivery',
  };
  return changes
    .map((c) => `${label[c.field] ?? c.field} ${String(c.from ?? 'none')} → ${String(c.to ?? 'none')}`)
    .join(', ');
}

/**
 * V1–V2: the validity that will apply with this enabling time; null for an order without a period (one-time charge).
 */
export function validityFor(order: OrderDetail, enablingTime: number | null): Validity | null {
  if (!order.periodType || !order.periodNumber) return null;
  const accepted = order.line.supervision?.acceptedAt;
  return validityPeriod({
    periodType: order.periodType,
    periodNumber: order.periodNumber,
    enablingTime,
    acceptedAt: accepted ? Date.parse(accepted) : null,
  });
}
