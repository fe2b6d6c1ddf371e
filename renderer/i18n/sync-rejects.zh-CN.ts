// 同步中心“已跳过的数据项”（SkippedItems.tsx）的简体中文文字；zh-CN.ts 展开引入。键集合与 sync-rejects.en.ts 相同。
import type { syncRejectsEn } from './sync-rejects.en';

export const syncRejectsZhCN: Record<keyof typeof syncRejectsEn, string> = {
  'syncCenter.skipped.title': '已跳过 {n} 个数据项|已跳过 {n} 个数据项',
  'syncCenter.skipped.sub': '云商店发来的这些数据格式有误，未保存；其余数据已同步。',
  'syncCenter.skipped.noId': '无编号的数据项',
  'syncCenter.skipped.feed.orderLines': '订单行数据流',
  'syncCenter.skipped.feed.bills': '账单数据流',
  'syncCenter.skipped.times': '已收到 {n} 次|已收到 {n} 次',
};
