// Test data: valid WireOrderLine objects (checked with the wire schema), overridable field by field.
import { orderLine, type Stage, type Supervision, type WireOrderLine } from '../../../common/marketplace/wire';
import { processForPlacement } from '../../../common/domain/supervision';

export interface LineSpec {
  orderId?: string;
  /** Line number within the order (1 → `<orderId>-000001`). */
  lineNo?: number;
  orderLineId?: string;
  productName?: string;
  productId?: string;
  customerName?: string;
  amount?: string;
  currency?: 'CNY' | 'USD';
  status?: WireOrderLine['status'];
  orderType?: WireOrderLine['orderType'];
  createTime?: string;
  updateTime?: string;
  version?: number;
  templateVersion?: number;
  /** null = not supervised (S6). */
  stage?: Stage | null;
  appealOpen?: boolean;
  unsubscriptionPending?: boolean;
  /** S5b: rejections so far (default 0). */
  requestRejections?: number;
  deliveryRejections?: number;
  /** Supervision event times (RFC 3339); the latest is when the current stage began. */
  eventTimes?: string[];
  requestSubmittedAt?: string;
}

/** A valid order line; throws if the spec produces something the wire schema refuses. */
export function makeLine(spec: LineSpec = {}): WireOrderLine {
  const orderId = spec.orderId ?? 'CS2504011200ABCDE';
  const createTime = spec.createTime ?? '2025-04-01T04:00:00.000Z';
  const stage = spec.stage === undefined ? 'request_pending' : spec.stage;
  const supervision: Supervision | null =
    stage === null
      ? null
      : {
          process: processForPlacement(Date.parse(createTime)),
          stage,
          appealOpen: spec.appealOpen ?? false,
          requestRejections: spec.requestRejections ?? 0,
          deliveryRejections: spec.deliveryRejections ?? 0,
          request: spec.requestSubmittedAt
            ? {
                requestId: `R-${orderId}`,
                submittedAt: spec.requestSubmittedAt,
                description: 'request',
                attachments: [],
              }
            : null,
          delivery: null,
          acceptedAt: null,
          unsubscription: spec.unsubscriptionPending
            ? {
                requestId: `U-${orderId}`,
                amount: '1.00',
                reason: 'refund',
                requestedAt: createTime,
                status: 'pending',
              }
            : null,
          events: (spec.eventTimes ?? []).map((at) => ({
            at,
            actor: 'customer' as const,
            type: 'request_submitted',
            note: null,
          })),
        };
  const line: WireOrderLine = {
    orderId,
    orderLineId: spec.orderLineId ?? `${orderId}-${String(spec.lineNo ?? 1).padStart(6, '0')}`,
    orderType: spec.orderType ?? 'NEW',
    status: spec.status ?? 'PROCESSING',
    createTime,
    productId: spec.productId ?? 'OFFI-MIGRATION',
    productName: spec.productName ?? '数据迁移专业服务 / Data Migration Service',
    skuCode: 'SKU-1',
    chargingMode: 'PERIOD',
    periodType: 'month',
    periodNumber: 1,
    amount: spec.amount ?? '1200.00',
    currency: spec.currency ?? 'CNY',
    renewsOrderLineId: null,
    customer: {
      customerId: 'C-1',
      customerName: spec.customerName ?? '张伟',
      email: 'c@example.com',
      mobilePhone: '13800000000',
    },
    templateVersion: spec.templateVersion ?? 3,
    supervision,
    validity: null,
    version: spec.version ?? 1,
    updateTime: spec.updateTime ?? createTime,
  };
  return orderLine.parse(line);
}
