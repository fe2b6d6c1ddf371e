// The marketplace's wire format (docs/marketplace-api.md), as zod schemas.
// Every network answer is parsed with one of these before it touches the database.
import { z } from 'zod';

/** Sync API instant: RFC 3339 UTC with milliseconds, `2025-04-01T04:00:00.000Z`. */
export const wireInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'expected an RFC 3339 UTC instant')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');

/** Open API instant: `yyyyMMddHHmmss` in UTC. */
export const openApiInstant = z.string().regex(/^\d{14}$/, 'expected yyyyMMddHHmmss');

/** Money: a decimal string with exactly two decimals (may be negative on refund lines). */
export const wireMoney = z.string().regex(/^-?\d{1,15}\.\d{2}$/, 'expected a decimal with two decimals');
export const wireRatio = z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal ratio');
export const currency = z.enum(['CNY', 'USD']);

export const ORDER_TYPES = ['NEW', 'TRIAL', 'TRIAL_TO_FORMAL', 'RENEW', 'CHANGE', 'UNSUBSCRIBE'] as const;
export const CHARGING_MODES = ['PERIOD', 'ONE_TIME', 'ON_DEMAND', 'ON_DEMAND_PKG'] as const;
export const PERIOD_TYPES = ['month', 'year', 'day'] as const;
export const ORDER_STATUSES = ['PENDING_PAYMENT', 'PROCESSING', 'CANCELED', 'COMPLETED'] as const;
export const STAGES = [
  'awaiting_request',
  'request_pending',
  'request_returned',
  'awaiting_delivery',
  'delivery_returned',
  'awaiting_acceptance',
  'completed',
  'closed',
] as const;
export const PROCESSES = ['LEGACY', 'REQUEST_FIRST'] as const;
export const ATTACHMENT_CATEGORIES = [
  'request',
  'acceptance',
  'license_validity',
  'deployment',
  'sow',
  'receipt',
  'commitment_letter',
  'other',
] as const;

export type OrderType = (typeof ORDER_TYPES)[number];
export type ChargingMode = (typeof CHARGING_MODES)[number];
export type PeriodType = (typeof PERIOD_TYPES)[number];
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type Stage = (typeof STAGES)[number];
export type SupervisionProcess = (typeof PROCESSES)[number];
export type AttachmentCategory = (typeof ATTACHMENT_CATEGORIES)[number];

export const attachmentRef = z.object({
  attachmentId: z.string().min(1),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AttachmentRef = z.infer<typeof attachmentRef>;

export const customer = z.object({
  customerId: z.string(),
  customerName: z.string(),
  email: z.string().nullable().optional(),
  mobilePhone: z.string().nullable().optional(),
});
export type Customer = z.infer<typeof customer>;

export const supervisionEvent = z.object({
  at: wireInstant,
  actor: z.enum(['customer', 'seller', 'marketplace']),
  type: z.string().min(1),
  note: z.string().nullable().optional(),
});
export type SupervisionEvent = z.infer<typeof supervisionEvent>;

export const supervision = z.object({
  process: z.enum(PROCESSES),
  stage: z.enum(STAGES),
  appealOpen: z.boolean(),
  requestRejections: z.number().int().nonnegative(),
  deliveryRejections: z.number().int().nonnegative(),
  request: z
    .object({
      requestId: z.string(),
      submittedAt: wireInstant,
      description: z.string(),
      attachments: z.array(attachmentRef),
    })
    .nullable(),
  delivery: z
    .object({
      deliveryId: z.string(),
      submittedAt: wireInstant,
      enablingTime: wireInstant.nullable(),
      templateVersion: z.number().int(),
      content: z.record(z.string(), z.unknown()),
      attachments: z.array(attachmentRef.extend({ category: z.enum(ATTACHMENT_CATEGORIES) })),
    })
    .nullable(),
  acceptedAt: wireInstant.nullable(),
  unsubscription: z
    .object({
      requestId: z.string(),
      amount: wireMoney,
      reason: z.string(),
      requestedAt: wireInstant,
      status: z.enum(['pending', 'agreed', 'rejected']),
    })
    .nullable(),
  events: z.array(supervisionEvent),
});
export type Supervision = z.infer<typeof supervision>;

export const orderLine = z.object({
  orderId: z.string().min(1),
  orderLineId: z.string().min(1),
  orderType: z.enum(ORDER_TYPES),
  status: z.enum(ORDER_STATUSES),
  createTime: wireInstant,
  productId: z.string(),
  productName: z.string(),
  skuCode: z.string().nullable().optional(),
  chargingMode: z.enum(CHARGING_MODES),
  periodType: z.enum(PERIOD_TYPES).nullable().optional(),
  periodNumber: z.number().int().positive().nullable().optional(),
  amount: wireMoney,
  currency,
  renewsOrderLineId: z.string().nullable().optional(),
  customer,
  templateVersion: z.number().int().nullable().optional(),
  supervision: supervision.nullable(),
  validity: z.object({ start: wireInstant, end: wireInstant }).nullable(),
  version: z.number().int().nonnegative(),
  updateTime: wireInstant,
});
export type WireOrderLine = z.infer<typeof orderLine>;

export const envelope = z.object({ resultCode: z.string(), resultMsg: z.string() });

/** A feed page. Items stay `unknown` so one malformed item is reported and skipped, not fatal. */
export const feedPage = envelope.extend({
  items: z.array(z.unknown()),
  nextCursor: z.string().nullable(),
  hasMore: z.boolean(),
});
export type FeedPage = z.infer<typeof feedPage>;

export const billLine = z.object({
  orderId: z.string(),
  orderLineId: z.string(),
  kind: z.enum(['purchase', 'renewal', 'payPerUse', 'refund']),
  attributedAt: wireInstant,
  salesAmount: wireMoney,
  customerWithholdingTax: wireMoney,
  platformFeeRatio: wireRatio,
  sellerTaxes: wireMoney,
  settlementAmount: wireMoney,
});
export const bill = z.object({
  billId: z.string().min(1),
  billingPeriod: z.string().regex(/^\d{6}$/),
  revision: z.number().int().positive(),
  status: z.enum(['PENDING_APPROVAL', 'APPROVED', 'PAID']),
  currency,
  generatedAt: wireInstant,
  lines: z.array(billLine),
  totals: z.object({
    settlementAmount: wireMoney,
    refundDeductions: wireMoney,
    depositDeductions: wireMoney,
    owedBySeller: wireMoney,
    netPayable: wireMoney,
  }),
});
export type WireBill = z.infer<typeof bill>;

export const account = envelope.extend({
  sellerId: z.string(),
  sellerName: z.string(),
  businessInfoCertified: z.boolean(),
  deposit: z.object({ amount: wireMoney, currency }),
});
export type WireAccount = z.infer<typeof account>;

export const TEMPLATE_ITEM_KINDS = ['text', 'longtext', 'date', 'number', 'checklist', 'attachment'] as const;
export type TemplateItemKind = (typeof TEMPLATE_ITEM_KINDS)[number];
export const templateItem = z.object({
  key: z.string().min(1),
  title: z.string(),
  description: z.string().nullable().optional(),
  required: z.boolean(),
  kind: z.enum(TEMPLATE_ITEM_KINDS),
  options: z.array(z.string()).nullable().optional(),
  attachmentCategory: z.enum(ATTACHMENT_CATEGORIES).nullable().optional(),
});
export const deliveryTemplate = envelope.partial().extend({
  productId: z.string(),
  templateVersion: z.number().int(),
  items: z.array(templateItem),
});
export type WireTemplateItem = z.infer<typeof templateItem>;
export type WireDeliveryTemplate = z.infer<typeof deliveryTemplate>;

/** Open API order query answer (`orderInfo` absent for an unknown order, resultCode MKT.2404). */
export const openApiOrder = envelope.extend({
  orderInfo: z
    .object({
      orderId: z.string().min(1),
      orderType: z.enum(ORDER_TYPES),
      createTime: openApiInstant,
      buyerInfo: customer.partial().optional(),
      orderLine: z.array(
        z.object({
          orderLineId: z.string().min(1),
          chargingMode: z.enum(CHARGING_MODES),
          periodType: z.enum(PERIOD_TYPES).nullable().optional(),
          periodNumber: z.number().int().nullable().optional(),
          expireTime: openApiInstant.nullable().optional(),
          currency,
          currencyAfterDiscount: wireMoney,
          productInfo: z
            .array(
              z.object({
                productId: z.string(),
                skuCode: z.string().nullable().optional(),
                productName: z.string(),
                linearValue: z.number().nullable().optional(),
              }),
            )
            .min(1),
        }),
      ),
    })
    .optional(),
});
export type WireOpenApiOrder = z.infer<typeof openApiOrder>;

/** Error body: any non-success answer. */
export const errorBody = envelope.extend({
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  orderLine: z.unknown().optional(),
  offset: z.number().int().optional(),
});
export type WireErrorBody = z.infer<typeof errorBody>;

export const RESULT = {
  ok: 'MKT.0000',
  validation: 'MKT.0100',
  badParam: 'MKT.0101',
  auth: 'APIGW.0301',
  forbidden: 'MKT.0150',
  notFound: 'MKT.2404',
  stageConflict: 'MKT.2001',
  appealOpen: 'MKT.2002',
  templateOutdated: 'MKT.2003',
  idempotencyInFlight: 'MKT.2011',
  uploadOffset: 'MKT.2420',
  cursorExpired: 'MKT.2410',
  tooLarge: 'MKT.2413',
  badType: 'MKT.2415',
  idempotencyMismatch: 'MKT.2010',
  checksum: 'MKT.2421',
  rateLimited: 'MKT.0250',
  internal: 'MKT.0999',
} as const;
