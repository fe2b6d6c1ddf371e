// 重新交付（从被退回的交付或早前交付预填草稿、客户退回原因、与上次交付的差异）及上传后修改附件类别的简体中文文字，
// 展开到 zh-CN.ts。键集合与 redelivery.en.ts 相同。
import type { redeliveryEn } from './redelivery.en';

export const redeliveryZhCN: Record<keyof typeof redeliveryEn, string> = {
  'redelivery.returnedTitle': '客户退回了上次交付',
  'redelivery.returnedAt': '退回时间 {at}',
  'redelivery.returnCount': '已退回 {n} 次|已退回 {n} 次',
  'redelivery.reasonLabel': '客户给出的原因',
  'redelivery.noReason': '客户未说明原因。',
  'redelivery.filledSame':
    '此草稿从 {at} 的交付开始：已填入其交付内容、开通时间和文件。您修改过的内容标记为“与上次交付不同”。',
  'redelivery.filledOther':
    '此草稿从订单 {orderId} 的交付（{at}）开始：已填入其交付内容、开通时间和文件。您修改过的内容会被标记。',
  'redelivery.unknownDate': '未知日期',
  'redelivery.changed': '与上次交付不同',
  'redelivery.changedFromEarlier': '与所选交付不同',
  'redelivery.alsoChanged': '另有改动：{what}。',
  'redelivery.enablingTime': '开通时间',
  'redelivery.otherFiles': '其他附件',
  'redelivery.notCarried': '未沿用：',
  'redelivery.why.not_in_template': '{name}（当前模板版本没有此项）',
  'redelivery.why.invalid_value': '{name}（其值不符合该项的类型）',
  'redelivery.why.file_unavailable': '“{name}”（本机没有此文件，也无法从云商店获取）',
  'redelivery.why.before_placement': '开通时间 {name}（早于本订单的下单时间）',
  'redelivery.why.after_now': '开通时间 {name}（晚于当前时间）',

  'earlier.open': '从此产品的早前交付开始',
  'earlier.title': '从此产品的早前交付开始',
  'earlier.hint': '草稿将填入所选交付的交付内容、开通时间和文件。',
  'earlier.loading': '正在查找早前交付…',
  'earlier.none': '本机尚无此产品的早前交付。',
  'earlier.loadFailed': '无法列出早前交付：{message}',
  'earlier.order': '订单',
  'earlier.customer': '客户',
  'earlier.delivered': '交付时间',
  'earlier.contents': '内容',
  'earlier.items': '{n} 项内容|{n} 项内容',
  'earlier.files': '{n} 个文件|{n} 个文件',
  'earlier.thisOrder': '本订单',
  'earlier.use': '使用',
  'earlier.useLabel': '使用订单 {orderId} 的交付',
  'earlier.confirmTitle': '替换此草稿的内容？',
  'earlier.confirmBody': '草稿的交付内容、开通时间和文件将被订单 {orderId} 的交付（{at}）替换。',
  'earlier.confirm': '替换',
  'earlier.filling': '正在填入…',
  'earlier.failed': '未能填入草稿：{message}',

  'attach.categoryOf': '{name} 的类别',
  'attach.recategorizeFailed': '未能修改“{name}”的类别：{message}',
};
