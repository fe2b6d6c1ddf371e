// How the statement of work writes times, sizes and the validity period. Times are shown at UTC+8,
// labelled: a SOW is read by both parties, and the marketplace's dates are UTC+8 dates (O4).
import { DateTime } from 'luxon';
import { MARKET_ZONE } from '../../common/domain/time';
import { periodLengthLabel, type Validity } from '../../common/domain/validity';

export function formatMarketDateTime(ms: number): string {
  return `${DateTime.fromMillis(ms, { zone: MARKET_ZONE }).toFormat('yyyy-LL-dd HH:mm')} (UTC+8)`;
}

/** 812 B, 12.3 KB, 4.0 MB (binary units, one decimal). */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

/** V1/V5 wording of the period that will apply: the dates (or "from acceptance"), then how it is counted. */
export function validityText(validity: Validity | null): string {
  if (validity === null) return 'Not applicable: the order has no service period / 不适用（无服务周期）';
  const zh = periodLengthLabel(validity, 'zh');
  if (validity.startsAtAcceptance) {
    return `From acceptance: ${validity.lengthLabel}, starting when the customer accepts the delivery\n自客户验收之日起${zh}`;
  }
  const how =
    validity.basis === 'enabling_time'
      ? `${validity.lengthLabel} from the enabling time / 自开通时间起${zh}`
      : `${validity.lengthLabel} from the customer's acceptance / 自客户验收之日起${zh}`;
  return `${validity.startDate} – ${validity.endDate} (UTC+8)\n${how}`;
}

export function enablingTimeText(enablingTime: number | null): string {
  return enablingTime === null
    ? 'Not given: the period starts at acceptance / 未填写（自验收起算）'
    : formatMarketDateTime(enablingTime);
}
