// 已保存的驳回理由相关的简体中文文字：设置页的列表与驳回对话框中的快捷选择；zh-CN.ts 展开引入。键集合与 canned-reasons.en.ts 相同。
import type { cannedReasonsEn } from './canned-reasons.en';

export const cannedReasonsZhCN: Record<keyof typeof cannedReasonsEn, string> = {
  'cannedReasons.title': '已保存的驳回理由',
  'cannedReasons.hint': '驳回请求时可快速选用。每条 1–2,000 个字符。',
  'cannedReasons.empty': '尚未保存理由。',
  'cannedReasons.new': '新理由',
  'cannedReasons.add': '添加',
  'cannedReasons.remove': '删除',
  'cannedReasons.duplicate': '该理由已保存。',
  'cannedReasons.full': '最多可保存 {max} 条理由。',
  'cannedReasons.picks': '已保存的理由',
};
