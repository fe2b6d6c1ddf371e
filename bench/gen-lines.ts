// Deterministic synthetic order lines for the 1M-line bench: the marketplace's id shapes
// (`CS` + yyMMddHHmm UTC+8 + 5 letters, lines `-00000N`), Chinese and English product and customer
// names like the simulator's, a realistic spread of stages (S1/S2), statuses, currencies and amounts.
import type { Stage, WireOrderLine } from '../common/marketplace/wire';
import { processForPlacement } from '../common/domain/supervision';
import { moneyToWire } from '../common/domain/money';
import { seededRandom } from '../common/seeded-random';

export const PRODUCT_NAMES: readonly string[] = [
  '数据迁移专业服务 / Data Migration Service',
  '安全审计咨询',
  '许可证 — Enterprise License',
  '云原生架构咨询 / Cloud-Native Architecture Consulting',
  '数据库性能优化服务',
  'ERP 实施服务 / ERP Implementation Service',
  'Kubernetes Cluster Setup',
  '等保合规测评服务 / MLPS Compliance Assessment',
  '大数据平台部署 / Big Data Platform Deployment',
  'AI 模型训练咨询 / AI Model Training Consulting',
  'Managed Backup Service — Annual License',
  '网络安全渗透测试 / Penetration Testing',
  '运维托管服务',
  'DevOps Toolchain Onboarding',
  '办公协同软件许可证 / Office Collaboration License',
  '视频会议系统部署',
  'SAP Basis Support',
  '数据治理咨询 / Data Governance Consulting',
  '容灾演练服务 / DR Drill Service',
  '技术培训工作坊 / Technical Training Workshop (5 days)',
  'OCR 识别 API (按需) / OCR API, pay-per-use',
  '短信通知服务 (按需) / SMS Notification, pay-per-use',
  '数据库迁移评估 / Database Migration Assessment',
  '日志审计平台许可',
  'Oracle to GaussDB Migration',
  '主机安全加固服务',
  'CRM 定制开发 / CRM Customization',
  '零信任网络咨询 / Zero Trust Consulting',
  'IoT 平台接入服务',
  'Data Lake Quickstart',
  '应用性能监控许可证 / APM License',
  '混合云管理平台部署',
  '信创适配迁移服务',
  'Disaster Recovery as a Service',
  '低代码平台实施',
  'GPU 集群运维托管 / GPU Cluster Operations',
  '财务共享系统实施',
  'Penetration Retest (follow-up)',
  '代码审计服务 / Source Code Audit',
  '邮件系统迁移 / Mail Migration',
];

const CITIES = [
  '北京',
  '上海',
  '杭州',
  '深圳',
  '广州',
  '成都',
  '南京',
  '武汉',
  '西安',
  '苏州',
  '天津',
  '重庆',
  '厦门',
  '长沙',
  '宁波',
  '合肥',
  '济南',
  '郑州',
  '大连',
  '青岛',
];
const BRANDS = [
  '云栖',
  '前海',
  '中关村',
  '浦江',
  '天府',
  '珠江',
  '紫金山',
  '光谷',
  '长安',
  '星河',
  '滨海',
  '两江',
  '鹭岛',
  '麓谷',
  '甬江',
  '松山湖',
  '星海',
  '中原',
  '泉城',
  '包河',
  '云帆',
  '智联',
  '华信',
  '博远',
  '鼎盛',
];
const TRADES = [
  '科技有限公司',
  '信息技术有限公司',
  '软件有限公司',
  '数据服务有限公司',
  '网络科技有限公司',
  '智能制造有限公司',
  '云计算有限公司',
  '电子有限公司',
];
const EN_A = [
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Tailspin',
  'Adventure',
  'Wide World',
  'Litware',
  'Proseware',
  'Coho',
  'Alpine',
  'Trey',
  'Woodgrove',
  'Lucerne',
  'Blue Yonder',
  'Humongous',
  'Wingtip',
  'Relecloud',
  'VanArsdel',
  'Margie',
  'Graphic',
];
const EN_B = [
  'Traders Ltd.',
  'Pharmaceuticals',
  'Manufacturing',
  'Toys',
  'Works',
  'Importers',
  'Inc.',
  'Research',
  'Bank',
  'Publishing',
  'Airlines',
  'Insurance',
  'Logistics',
  'Foods',
  'Energy',
];
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '涛', '明'];

/** ~4,000 company names plus ~120 individual buyers. */
export function customerNames(): string[] {
  const out: string[] = [];
  for (const c of CITIES)
    for (const b of BRANDS) for (const t of TRADES.slice(0, 4 + ((c.length + b.length) % 5))) out.push(`${c}${b}${t}`);
  for (const a of EN_A) for (const b of EN_B) out.push(`${a} ${b}`);
  for (const s of SURNAMES) for (const g of GIVEN) out.push(`${s}${g}`);
  return out;
}

const STAGE_MIX: ReadonlyArray<readonly [Stage | null, number]> = [
  ['completed', 46],
  ['closed', 4],
  ['awaiting_request', 6],
  ['request_pending', 5],
  ['request_returned', 2],
  ['awaiting_delivery', 8],
  ['delivery_returned', 2],
  ['awaiting_acceptance', 12],
  [null, 15],
];

const iso = (ms: number): string => new Date(ms).toISOString();

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `CS` + placement as yyMMddHHmm at UTC+8 (O4) + five letters from the order index. */
export function orderIdOf(placedMs: number, index: number): string {
  const d = new Date(placedMs + 8 * 3_600_000);
  let x = (index * 7_368_787 + 12_345) % 26 ** 5;
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    suffix = String.fromCharCode(65 + (x % 26)) + suffix;
    x = Math.floor(x / 26);
  }
  const stamp = `${pad2(d.getUTCFullYear() % 100)}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}`;
  return `CS${stamp}${suffix}`;
}

export const GEN_START_MS = Date.UTC(2024, 0, 1);
export const GEN_END_MS = Date.UTC(2025, 5, 30);

/** `count` order lines (1–3 per order), placed in time order between GEN_START_MS and GEN_END_MS. */
export function* generateLines(count: number, seed = 1): Generator<WireOrderLine> {
  const r = seededRandom(seed);
  const customers = customerNames();
  const stageTotal = STAGE_MIX.reduce((s, [, w]) => s + w, 0);
  const step = (GEN_END_MS - GEN_START_MS) / count;
  let made = 0;
  let order = 0;
  while (made < count) {
    const placed = Math.floor(GEN_START_MS + made * step + r() * step);
    const orderId = orderIdOf(placed, order++);
    const customerIdx = Math.floor(r() * customers.length);
    const customer = customers[customerIdx];
    const customerId = `CUST${String(customerIdx).padStart(6, '0')}`;
    const currency = /[A-Za-z]/.test(customer[0]) ? 'USD' : 'CNY';
    const linesInOrder = Math.min(count - made, 1 + Math.floor(r() * r() * 3));
    for (let n = 1; n <= linesInOrder; n++, made++) {
      let w = r() * stageTotal;
      let stage: Stage | null = null;
      for (const [s, weight] of STAGE_MIX)
        if ((w -= weight) < 0) {
          stage = s;
          break;
        }
      const productIdx = Math.floor(r() * r() * PRODUCT_NAMES.length); // a few products sell much more
      const stageAt = placed + Math.floor(r() * 40 * 86_400_000);
      const amount = (1 + Math.floor(r() * 500)) * 10_000;
      yield {
        orderId,
        orderLineId: `${orderId}-${String(n).padStart(6, '0')}`,
        orderType: stage === null ? 'RENEW' : 'NEW',
        status:
          stage === 'completed'
            ? 'COMPLETED'
            : stage === 'closed'
              ? 'CANCELED'
              : r() < 0.03
                ? 'PENDING_PAYMENT'
                : 'PROCESSING',
        createTime: iso(placed),
        productId: `OFFI${String(100000 + productIdx)}`,
        productName: PRODUCT_NAMES[productIdx],
        skuCode: `SKU${productIdx}`,
        chargingMode: 'PERIOD',
        periodType: 'month',
        periodNumber: 1 + (made % 12),
        amount: moneyToWire(currency === 'USD' ? Math.round(amount / 7.2) : amount),
        currency,
        renewsOrderLineId: null,
        customer: {
          customerId,
          customerName: customer,
          email: `ops${made % 97}@example.cn`,
          mobilePhone: `+86-138${String(made % 1e8).padStart(8, '0')}`,
        },
        templateVersion: 1 + (productIdx % 3),
        supervision:
          stage === null
            ? null
            : {
                process: processForPlacement(placed),
                stage,
                appealOpen: r() < 0.01,
                requestRejections: 0,
                deliveryRejections: 0,
                request: null,
                delivery: null,
                acceptedAt: stage === 'completed' ? iso(stageAt) : null,
                unsubscription:
                  r() < 0.01
                    ? {
                        requestId: `U${made}`,
                        amount: '100.00',
                        reason: '退款 / refund',
                        requestedAt: iso(stageAt),
                        status: 'pending',
                      }
                    : null,
                events: [{ at: iso(stageAt), actor: 'customer', type: 'request_submitted', note: null }],
              },
        validity: null,
        version: 1 + (made % 5),
        updateTime: iso(stageAt),
      };
    }
  }
}
