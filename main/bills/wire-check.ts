// The bills feed's schema check without zod on the way in (docs/marketplace-api.md "Feeds" → Bill). A bill carries
// every line of its month, and checking 2,000 lines with the zod schema costs more than storing them; this checks the
// same rules by hand and answers only "valid" — anything it does not accept goes through the zod schema, which alone
// decides and explains what is wrong. It must never accept what `bill` (common/marketplace/wire.ts) refuses.
import type { WireBill } from '../../common/marketplace/wire';

const MONEY = /^-?\d{1,15}\.\d{2}$/;
const RATIO = /^\d+(\.\d+)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const PERIOD = /^\d{6}$/;
const KINDS = new Set(['purchase', 'renewal', 'payPerUse', 'refund']);
const STATUSES = new Set(['PENDING_APPROVAL', 'APPROVED', 'PAID']);
const CURRENCIES = new Set(['CNY', 'USD']);
const TOTALS = ['settlementAmount', 'refundDeductions', 'depositDeductions', 'owedBySeller', 'netPayable'] as const;

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMoney = (v: unknown): boolean => typeof v === 'string' && MONEY.test(v);
const isInstant = (v: unknown): boolean => typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v));

function isLine(l: unknown): boolean {
  return (
    isObject(l) &&
    typeof l.orderId === 'string' &&
    typeof l.orderLineId === 'string' &&
    typeof l.kind === 'string' &&
    KINDS.has(l.kind) &&
    isInstant(l.attributedAt) &&
    isMoney(l.salesAmount) &&
    isMoney(l.customerWithholdingTax) &&
    typeof l.platformFeeRatio === 'string' &&
    RATIO.test(l.platformFeeRatio) &&
    isMoney(l.sellerTaxes) &&
    isMoney(l.settlementAmount)
  );
}

/**
 * The item as a bill when it certainly is one, else null (then ask the schema). A bill accepted here may still carry
 * fields the schema does not know; nothing reads them (the archive keeps the JSON as received anyway).
 */
export function quickBill(item: unknown): WireBill | null {
  if (!isObject(item)) return null;
  const { billId, billingPeriod, revision, status, currency, generatedAt, lines, totals } = item;
  if (typeof billId !== 'string' || billId.length < 1) return null;
  if (typeof billingPeriod !== 'string' || !PERIOD.test(billingPeriod)) return null;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision <= 0) return null;
  if (typeof status !== 'string' || !STATUSES.has(status) || typeof currency !== 'string' || !CURRENCIES.has(currency)) return null;
  if (!isInstant(generatedAt) || !Array.isArray(lines) || !isObject(totals)) return null;
  for (const f of TOTALS) if (!isMoney(totals[f])) return null;
  for (let i = 0; i < lines.length; i++) if (!isLine(lines[i])) return null;
  return item as unknown as WireBill;
}
