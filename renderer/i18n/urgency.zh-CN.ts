// 监管列表紧急程度（S7）的简体中文文字：紧急程度列与客户列、列表时间的时区标注、“最紧急优先”；zh-CN.ts 展开引入。键集合与 urgency.en.ts 相同。
import type { urgencyEn } from './urgency.en';

export const urgencyZhCN: Record<keyof typeof urgencyEn, string> = {
  'col.customer': '客户',
  'col.urgency': '紧急程度',
  'col.zoned': '{label}（{zone}）',
  'urgency.sort': '最紧急优先',
  'urgency.sort.hint':
    '最久未推进的排在最前；天数相同时，等我方处理的排在等客户处理的之前。申诉冻结中的订单行、已结束和非监管的订单行排在最后。',
  'urgency.on.seller': '等我方',
  'urgency.on.customer': '等客户',
  'urgency.on.marketplace': '等云商店',
  'urgency.on.seller.hint': '需要我方处理；已 {n} 天无进展。',
  'urgency.on.customer.hint': '需要客户处理；已 {n} 天无进展。',
  'urgency.on.marketplace.hint': '申诉未结，流程冻结，等待云商店裁决；已 {n} 天无进展。',
  'urgency.appealPossible': '可申诉',
  'urgency.appealPossible.silence': '超过 {days} 天无进展：任一方均可向云商店申诉。',
  'urgency.appealPossible.rejections': '已被驳回 3 次或以上：可向云商店申诉。',
  'urgency.refundRequest': '退款申请',
  'urgency.refundRequest.hint': '客户申请退订并退款：请同意或驳回。',
  'urgency.long': '超 180 天',
};
