// The demo marketplace's products and customers: fixed names (English and Chinese), ids derived from the names
// so they are the same for every seed.
import type { ChargingMode, PeriodType, WireDeliveryTemplate } from '../common/marketplace/wire';
import { createPrng, hashSeed } from './prng';
import { maxTemplateVersion, templateItems, type TemplateFamily } from './templates';

export interface Product {
  productId: string;
  skuCode: string;
  productName: string;
  family: TemplateFamily;
  chargingMode: Extract<ChargingMode, 'PERIOD' | 'ONE_TIME' | 'ON_DEMAND'>;
  periodTypes: PeriodType[];
  /** Price per month (PERIOD) or per order (ONE_TIME), CNY minor units; ON_DEMAND: typical monthly use. */
  priceCnyMinor: number;
  templateVersion: number;
}

type ProductSpec = [
  name: string,
  family: TemplateFamily,
  mode: Product['chargingMode'],
  periods: PeriodType[],
  priceCny: number,
];

const PRODUCT_SPECS: ProductSpec[] = [
  ['数据迁移专业服务 / Data Migration Service', 'migration', 'PERIOD', ['month'], 1200],
  ['安全审计咨询', 'security', 'ONE_TIME', [], 36000],
  ['许可证 — Enterprise License', 'license', 'PERIOD', ['year', 'month'], 9800],
  ['云原生架构咨询 / Cloud-Native Architecture Consulting', 'consulting', 'ONE_TIME', [], 48000],
  ['数据库性能优化服务', 'consulting', 'ONE_TIME', [], 15000],
  ['ERP 实施服务 / ERP Implementation Service', 'deployment', 'PERIOD', ['month'], 25000],
  ['Kubernetes Cluster Setup', 'deployment', 'ONE_TIME', [], 8800],
  ['等保合规测评服务 / MLPS Compliance Assessment', 'security', 'ONE_TIME', [], 68000],
  ['大数据平台部署 / Big Data Platform Deployment', 'deployment', 'PERIOD', ['month', 'year'], 18000],
  ['AI 模型训练咨询 / AI Model Training Consulting', 'consulting', 'PERIOD', ['month'], 30000],
  ['Managed Backup Service — Annual License', 'license', 'PERIOD', ['year'], 2400],
  ['网络安全渗透测试 / Penetration Testing', 'security', 'ONE_TIME', [], 28000],
  ['运维托管服务', 'operations', 'PERIOD', ['month', 'year'], 6000],
  ['DevOps Toolchain Onboarding', 'deployment', 'ONE_TIME', [], 12000],
  ['办公协同软件许可证 / Office Collaboration License', 'license', 'PERIOD', ['year', 'month'], 360],
  ['视频会议系统部署', 'deployment', 'ONE_TIME', [], 9500],
  ['SAP Basis Support', 'operations', 'PERIOD', ['month'], 16000],
  ['数据治理咨询 / Data Governance Consulting', 'consulting', 'PERIOD', ['month'], 22000],
  ['容灾演练服务 / DR Drill Service', 'migration', 'ONE_TIME', [], 13500],
  ['技术培训工作坊 / Technical Training Workshop (5 days)', 'training', 'ONE_TIME', [], 10000],
  ['OCR 识别 API (按需) / OCR API, pay-per-use', 'deployment', 'ON_DEMAND', [], 800],
  ['短信通知服务 (按需) / SMS Notification, pay-per-use', 'operations', 'ON_DEMAND', [], 300],
];

function digits(prng: ReturnType<typeof createPrng>, n: number): string {
  let s = String(prng.int(1, 9));
  while (s.length < n) s += String(prng.int(0, 9));
  return s;
}

export const PRODUCTS: readonly Product[] = PRODUCT_SPECS.map(
  ([productName, family, chargingMode, periodTypes, priceCny], i) => {
    const prng = createPrng(hashSeed('product', productName));
    return {
      productId: `OFFI${digits(prng, 18)}`,
      skuCode: prng.hex(32),
      productName,
      family,
      chargingMode,
      periodTypes,
      priceCnyMinor: priceCny * 100,
      // P1: templates are versioned; spread the products over versions 1…max so some are past version 1.
      templateVersion: 1 + (i % maxTemplateVersion(family)),
    };
  },
);

export function templateOf(product: Product, version = product.templateVersion): WireDeliveryTemplate {
  return { productId: product.productId, templateVersion: version, items: templateItems(product.family, version) };
}

export interface DemoCustomer {
  customerId: string;
  customerName: string;
  email: string;
  mobilePhone: string;
  currency: 'CNY' | 'USD';
}

const CHINESE: Array<[name: string, slug: string]> = [
  ['杭州云栖科技有限公司', 'yunqi-tech'],
  ['深圳前海数智科技有限公司', 'qianhai-shuzhi'],
  ['北京中关村智联软件有限公司', 'zgc-zhilian'],
  ['上海浦江数据服务有限公司', 'pujiang-data'],
  ['成都天府云计算有限公司', 'tianfu-cloud'],
  ['广州珠江信息技术有限公司', 'zhujiang-it'],
  ['南京紫金山网络科技有限公司', 'zijinshan-net'],
  ['武汉光谷智造科技有限公司', 'guanggu-zhizao'],
  ['西安长安数码科技有限公司', 'changan-digital'],
  ['苏州星河软件有限公司', 'xinghe-soft'],
  ['天津滨海云服务有限公司', 'binhai-cloud'],
  ['重庆两江大数据有限公司', 'liangjiang-bigdata'],
  ['厦门鹭岛信息科技有限公司', 'ludao-info'],
  ['长沙麓谷软件有限公司', 'lugu-soft'],
  ['宁波甬江物联科技有限公司', 'yongjiang-iot'],
  ['东莞松山湖电子有限公司', 'songshanhu-elec'],
  ['大连星海数据有限公司', 'xinghai-data'],
  ['郑州中原云科技有限公司', 'zhongyuan-cloud'],
  ['济南泉城信息有限公司', 'quancheng-info'],
  ['合肥包河智能制造有限公司', 'baohe-im'],
];

const ENGLISH: Array<[name: string, slug: string, phonePrefix: string]> = [
  ['Northwind Traders Ltd.', 'northwind', '+1-206-555-'],
  ['Contoso Pharmaceuticals', 'contoso', '+1-425-555-'],
  ['Fabrikam Manufacturing', 'fabrikam', '+49-30-5550-'],
  ['Tailspin Toys', 'tailspin', '+44-20-7946-'],
  ['Adventure Works Cycles', 'adventure-works', '+1-312-555-'],
  ['Wide World Importers', 'wideworld', '+65-6555-'],
  ['Litware Inc.', 'litware', '+1-617-555-'],
  ['Proseware Inc.', 'proseware', '+61-2-5550-'],
  ['Coho Winery', 'coho', '+33-1-5555-'],
  ['Alpine Ski House', 'alpineski', '+41-44-555-'],
  ['Trey Research', 'treyresearch', '+1-415-555-'],
  ['Woodgrove Bank', 'woodgrove', '+852-5550-'],
  ['Lucerne Publishing', 'lucerne', '+41-41-555-'],
  ['Blue Yonder Airlines', 'blueyonder', '+971-4-555-'],
  ['Humongous Insurance', 'humongous', '+1-646-555-'],
  ['Wingtip Toys', 'wingtip', '+60-3-5550-'],
  ['Relecloud', 'relecloud', '+81-3-5550-'],
  ['VanArsdel Ltd.', 'vanarsdel', '+31-20-555-'],
  ['Margie’s Travel', 'margies-travel', '+34-91-555-'],
  ['Graphic Design Institute', 'gdi', '+66-2-555-'],
];

export const CUSTOMERS: readonly DemoCustomer[] = [
  ...CHINESE.map(([customerName, slug]): DemoCustomer => {
    const prng = createPrng(hashSeed('customer', customerName));
    return {
      customerId: prng.hex(32),
      customerName,
      email: `${prng.pick(['it', 'purchasing', 'ops', 'cio-office'])}@${slug}.example.cn`,
      mobilePhone: `+86-1${prng.pick(['38', '39', '58', '86', '37'])}${digits(prng, 8)}`,
      currency: 'CNY',
    };
  }),
  ...ENGLISH.map(([customerName, slug, phonePrefix]): DemoCustomer => {
    const prng = createPrng(hashSeed('customer', customerName));
    return {
      customerId: prng.hex(32),
      customerName,
      email: `${prng.pick(['procurement', 'it-ops', 'cloud-team'])}@${slug}.example.com`,
      mobilePhone: `${phonePrefix}${digits(prng, 4)}`,
      currency: 'USD',
    };
  }),
];

/** A CNY price in the customer's currency (USD at a fixed demo rate of 7.2, rounded to whole cents). */
export function priceIn(currency: 'CNY' | 'USD', cnyMinor: number): number {
  return currency === 'CNY' ? cnyMinor : Math.round(cnyMinor / 7.2);
}
