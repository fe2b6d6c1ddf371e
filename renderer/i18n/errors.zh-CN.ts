// 与具体页面无关的错误码的简体中文文字（common/api/result.ts）：`not_configured`（尚未设置云商店账号）与
// `internal`（意外故障，日志中按编号记录）；zh-CN.ts 展开引入。键集合与 errors.en.ts 相同。
import type { errorsEn } from './errors.en';

export const errorsZhCN: Record<keyof typeof errorsEn, string> = {
  'error.notConfigured': '未连接云商店——请在“设置”中填写接口地址、AK 和 SK',
  'error.openSettings': '打开设置',
  'error.internal': 'Seller Desk 内部出错，详情已记入日志——错误 {id}',
};
