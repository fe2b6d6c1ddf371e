// The reconciliation of order lines as CSV (B4, B5): every line the filters match — billed (its bill, revision and
// period), unbilled (its B1 period when known and every B4 reason) or not billable — with the reasons in words in
// English and Simplified Chinese (bilingual headers, like the bill CSV). Written with the shared CSV writer.
import type { NotBillableCode, ReconciliationRow, UnbilledReasonCode } from '../../common/api/contract-bills';
import { billDueAt, formatBillingPeriod } from '../../common/domain/settlement';
import { marketDate } from '../../common/domain/time';
import { exportCsvTable, type CsvColumn, type FileExport } from './export-csv';
import type { ExportOptions } from './export-common';

type ReasonCode = UnbilledReasonCode | NotBillableCode;

/**
 * One reason in both languages, with what the row knows filled in (stage, status, period and when its bill is due, B2).
 */
export function reasonWords(
  code: ReasonCode,
  row: Pick<ReconciliationRow, 'status' | 'stage' | 'billingPeriod'>,
  now: number,
): { en: string; zh: string } {
  switch (code) {
    case 'business_info_not_certified':
      return { en: 'The seller’s business information is not certified.', zh: '卖家的商业信息未认证。' };
    case 'payment_not_completed':
      return {
        en: `The payment is not completed (order status ${row.status}).`,
        zh: `付款未完成（订单状态 ${row.status}）。`,
      };
    case 'supervision_not_completed':
      return {
        en: `Supervision is not completed (stage ${row.stage ?? 'none'}).`,
        zh: `服务监管未完成（阶段 ${row.stage ?? 'none'}）。`,
      };
    case 'not_in_effect':
      return { en: 'The order has not taken effect yet.', zh: '订单尚未生效。' };
    case 'bill_not_produced_yet': {
      if (!row.billingPeriod)
        return { en: 'The period’s bill has not been produced yet.', zh: '该账期的账单尚未生成。' };
      const period = formatBillingPeriod(row.billingPeriod);
      const due = billDueAt(row.billingPeriod);
      const when = marketDate(due);
      return due > now
        ? {
            en: `The bill for ${period} is produced on ${when} (UTC+8); it has not been produced yet.`,
            zh: `${period} 的账单将于 ${when}（UTC+8）生成，尚未生成。`,
          }
        : {
            en: `The bill for ${period} was due on ${when} (UTC+8) and has not been received yet.`,
            zh: `${period} 的账单应于 ${when}（UTC+8）生成，尚未收到。`,
          };
    }
    case 'canceled':
      return { en: 'The order was canceled; nothing is settled.', zh: '订单已取消，不结算。' };
    case 'free':
      return { en: 'The order line’s amount is 0.00; nothing is settled.', zh: '订单行金额为 0.00，不结算。' };
    case 'closed_before_completion':
      return {
        en: 'Supervision ended closed (unsubscribed) before it completed; nothing was settled.',
        zh: '服务监管在完成前已关闭（已退订），不结算。',
      };
  }
}

const STATE_WORDS: Record<ReconciliationRow['state'], string> = {
  billed: 'billed / 已出账',
  unbilled: 'unbilled / 未出账',
  not_billable: 'not billable / 不结算',
};

/** The reconciliation CSV's columns, in order. Amounts: two-place decimals; the placement time at UTC+8 (O4). */
export function reconciliationCsvColumns(now: number): CsvColumn<ReconciliationRow>[] {
  const words = (r: ReconciliationRow, lang: 'en' | 'zh') =>
    r.reasons.map((c) => reasonWords(c, r, now)[lang]).join(' ');
  return [
    { header: 'Order No. / 订单号', value: (r) => r.orderId },
    { header: 'Order line ID / 订单行号', value: (r) => r.orderLineId },
    { header: 'Customer / 客户', value: (r) => r.customerName },
    { header: 'Product / 产品', value: (r) => r.productName },
    { header: 'Placed at (UTC+8) / 下单时间（UTC+8）', kind: 'dateTime', value: (r) => r.placedAt },
    { header: 'Amount / 金额', kind: 'money', value: (r) => r.amountMinor },
    { header: 'Currency / 币种', value: (r) => r.currency },
    { header: 'Order status / 订单状态', value: (r) => r.status },
    { header: 'Supervision stage / 监管阶段', value: (r) => r.stage ?? 'none' },
    { header: 'Billing state / 出账状态', value: (r) => STATE_WORDS[r.state] },
    { header: 'Kind / 类型', value: (r) => r.kind },
    {
      header: 'Billing period (UTC+8) / 账期（UTC+8）',
      value: (r) => (r.billingPeriod ? formatBillingPeriod(r.billingPeriod) : null),
    },
    { header: 'Bill ID / 账单号', value: (r) => r.billId },
    { header: 'Revision / 版本', kind: 'number', value: (r) => r.revision },
    { header: 'Settlement amount / 结算金额', kind: 'money', value: (r) => r.settlementAmountMinor },
    { header: 'Reason codes (B4) / 原因代码（B4）', value: (r) => r.reasons.join(' ') },
    { header: 'Reason', value: (r) => words(r, 'en') },
    { header: '原因', value: (r) => words(r, 'zh') },
  ];
}

/** The rows as CSV in `file` (UTF-8 with BOM, temp name, fsync, rename). */
export function exportReconciliationCsv(
  file: string,
  rows: readonly ReconciliationRow[],
  now: number,
  options: ExportOptions = {},
): Promise<FileExport> {
  return exportCsvTable(file, reconciliationCsvColumns(now), rows, { ...options, total: rows.length });
}
