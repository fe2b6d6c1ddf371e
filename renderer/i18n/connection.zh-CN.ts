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
  'settings.connectedAs': '已连接：{name}',
  'settings.testFailed': '连接失败：{reason}',
};
