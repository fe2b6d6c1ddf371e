// 监管搜索的键盘路径（从搜索框到列表只需几次 Tab）的简体中文文字：“下单日期”下拉框、快捷筛选工具栏、↓ 进入列表；
// zh-CN.ts 展开引入。键集合与 keyboard.en.ts 相同。
import type { keyboardEn } from './keyboard.en';

export const keyboardZhCN: Record<keyof typeof keyboardEn, string> = {
  'placed.any': '任意日期',
  'placed.from': '{date} 起',
  'placed.to': '至 {date}',
  'placed.range': '{from} 至 {to}',
  'placed.clear': '清除日期',
  'placed.done': '完成',
  'quick.toolbar': '快捷筛选与排序',
  'quick.toolbar.hint': '按 ← 和 → 在筛选之间移动；按空格或 Enter 开启或关闭。',
  'searchBox.toList': '进入列表',
  'searchBox.toList.hint': '按 ↓ 进入列表。',
};
