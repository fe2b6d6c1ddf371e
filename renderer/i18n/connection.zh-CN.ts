// 连接失败相关的简体中文文字：状态栏的“同步失败：……”与设置页的“测试连接”；zh-CN.ts 展开引入。键集合与 connection.en.ts 相同。
import type { connectionEn } from './connection.en';

export const connectionZhCN: Record<keyof typeof connectionEn, string> = {
  'failure.unauthorized': '云商店拒绝了访问密钥（{status}）',
  'failure.forbidden': '云商店拒绝此账号访问（{status}）',
  'failure.refused': '云商店拒绝了请求（{status}）',
  'failure.server': '云商店服务异常（{status}）',
  'failure.unreadable': '无法读取云商店的应答——请检查接口地址',
  'failure.unreachable': '无法连接云商店——请检查接口地址和网络',
  'failure.credentials': '无法读取已保存的访问密钥',
  'failure.unconfigured': '尚未设置接口地址、AK 和 SK',
  'failure.other': '意外错误：{message}',

  'status.syncFailedBecause': '同步失败：{reason}',
  'status.checkSettings': '请检查设置',

  'settings.test': '测试连接',
  'settings.testing': '测试中…',
  'settings.testHint': '使用已保存的接口地址、AK 和 SK 发送一次签名的账号请求。',
  'settings.testSaveFirst': '请先保存修改：测试使用的是已保存的设置。',
  'settings.connectedAs': '已连接：{name}（卖家 ID {id}）',
  'settings.testFailed': '连接失败：{reason}',

  'settings.skHintElectron': '使用系统钥匙串加密保存在本机，保存后不再显示。',
  'settings.skHintFile': '保存在数据文件夹中仅当前用户可读的文件（0600）里，保存后不再显示。',
  'settings.skHintUnknown': '保存后不再显示。',

  'settings.account': '账号',
  'settings.sellerName': '卖家',
  'settings.sellerId': '卖家 ID',
  'settings.accountUnknown': '使用已保存的连接完成首次同步后显示。',
  'settings.accountAsOf': '云商店于 {time} 报告的信息。',
  'status.accountTitle': '已连接的卖家（卖家 ID {id}）',
};
