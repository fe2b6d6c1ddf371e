// 全尺寸工作说明书查看器、问题列表链接与浏览器主机已重启的简体中文文字；zh-CN.ts 展开引入。键集合与 editor-nav.en.ts 相同。
import type { editorNavEn } from './editor-nav.en';

export const editorNavZhCN: Record<keyof typeof editorNavEn, string> = {
  'viewer.open': '全尺寸查看',
  'viewer.openHint': '全尺寸打开工作说明书（翻页、缩放）',
  'viewer.page': '第 {page} 页，共 {pages} 页',
  'viewer.prev': '上一页',
  'viewer.next': '下一页',
  'viewer.zoomIn': '放大',
  'viewer.zoomOut': '缩小',
  'viewer.fitWidth': '适合宽度',
  'viewer.zoom': '缩放 {percent}%',
  'viewer.loading': '正在打开 PDF…',
  'viewer.failed': '无法显示此 PDF：{message}',
  'viewer.keys': 'Page Up / Page Down：翻页 · + / −：缩放 · Esc：关闭',

  'editor.problemLinkHint': '转到此字段',

  'host.restarted': 'Seller Desk 已重新启动或已停止——请用它输出的链接重新打开。',
  'host.restartedHint': '每次启动“seller-desk serve”都会输出带新访问令牌的新地址；此标签页的地址已失效。',
  'host.checkAgain': '重新检查',
  'status.hostRestarted': 'Seller Desk 已重新启动或已停止',
  'time.justNow': '刚刚',
};
