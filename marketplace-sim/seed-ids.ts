// Marketplace-looking ids (`CS2504011200ABCDE`, line `…-000001`) and the blank state of a freshly paid order line.
import { initialStage, processForPlacement } from '../common/domain/supervision';
import { isoFromMs } from '../common/domain/time';
import type { Product, DemoCustomer } from './catalog';
import type { OrderLine } from './transitions';

const SUFFIX_SPACE = 26 ** 5;
/** Coprime with 26^5, so index → suffix is a bijection: no two orders (of < 11.8M) share a suffix. */
const SUFFIX_MULTIPLIER = 7_368_787;

/** `CS` + placement as yyMMddHHmm at UTC+8 (O4) + five letters unique per order index. */
export function orderIdFor(placedMs: number, orderIndex: number, seed: number): string {
  let x =
    ((((orderIndex % SUFFIX_SPACE) * SUFFIX_MULTIPLIER + (seed >>> 0) * 7919) % SUFFIX_SPACE) + SUFFIX_SPACE) %
    SUFFIX_SPACE;
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    suffix = String.fromCharCode(65 + (x % 26)) + suffix;
    x = Math.floor(x / 26);
  }
  // UTC+8 has no DST (O4), so shifting by 8 hours and reading the UTC fields gives the market's wall time.
  const local = new Date(placedMs + 8 * 3_600_000).toISOString(); // 2025-04-01T12:00:00.000Z
  return `CS${local.slice(2, 4)}${local.slice(5, 7)}${local.slice(8, 10)}${local.slice(11, 13)}${local.slice(14, 16)}${suffix}`;
}

export interface EmptyLineInput {
  orderId: string;
  orderLineId: string;
  product: Product;
  customer: DemoCustomer;
  placedMs: number;
}

/** A paid NEW order line under supervision, in its first stage by S1/S2 (placement decides the process). */
export function emptyLine(input: EmptyLineInput): OrderLine {
  const { product, customer, placedMs } = input;
  const process = processForPlacement(placedMs);
  const at = isoFromMs(placedMs);
  return {
    orderId: input.orderId,
    orderLineId: input.orderLineId,
    orderType: 'NEW',
    status: 'PROCESSING',
    createTime: at,
    productId: product.productId,
    productName: product.productName,
    skuCode: product.skuCode,
    chargingMode: product.chargingMode,
    periodType: null,
    periodNumber: null,
    amount: '0.00',
    currency: customer.currency,
    renewsOrderLineId: null,
    customer: {
      customerId: customer.customerId,
      customerName: customer.customerName,
      email: customer.email,
      mobilePhone: customer.mobilePhone,
    },
    templateVersion: product.templateVersion,
    supervision: {
      process,
      stage: initialStage(process),
      appealOpen: false,
      requestRejections: 0,
      deliveryRejections: 0,
      request: null,
      delivery: null,
      acceptedAt: null,
      unsubscription: null,
      events: [
        {
          at,
          actor: 'marketplace',
          type: 'supervision_started',
          note: process === 'LEGACY' ? 'legacy process (S1)' : 'request-first process (S1)',
        },
      ],
    },
    validity: null,
    version: 1,
    updateTime: at,
  };
}
