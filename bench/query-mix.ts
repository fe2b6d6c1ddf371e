// The 200 mixed searches of the bench: partial order numbers (1 character up to a whole line id), 2-character and
// longer Chinese terms, English words, customer names and their first characters, rare and common, some with filters.
import { orderQuery, type OrderQuery, type OrderQueryParsed } from '../common/api/contract';
import type { Db } from '../main/db/connection';
import { seededRandom } from '../common/seeded-random';

export interface MixQuery {
  kind: string;
  query: OrderQueryParsed;
}

/** Samples real order numbers from the cache so partial-number searches hit like a user's would. */
export function searchMix(db: Db, seed = 7, size = 200): MixQuery[] {
  // The weights below add up to 200.
  const r = seededRandom(seed);
  // Ids are placement times × 1024 (order-line-id.ts), so a uniform pick must be between the smallest and largest.
  const minId = (db.prepare('SELECT min(id) FROM order_lines').pluck().get() as number | null) ?? 0;
  const maxId = (db.prepare('SELECT max(id) FROM order_lines').pluck().get() as number | null) ?? 0;
  const orderAt = db.prepare<[number], { order_id: string; order_line_id: string; customer_name: string }>(
    'SELECT order_id, order_line_id, customer_name FROM order_lines WHERE id >= ? ORDER BY id LIMIT 1',
  );
  const sample = () =>
    orderAt.get(minId + Math.floor(r() * (maxId - minId + 1))) ?? {
      order_id: 'CS2504011200ABCDE',
      order_line_id: 'CS2504011200ABCDE-000001',
      customer_name: '张伟',
    };
  const charOf = (s: string): string => s[Math.floor(r() * s.length)];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

  // [kind, how many of the 200, make]: weights follow what a delivery team types — mostly order-number
  // fragments, product words and customer names; very common fragments (a month prefix) are rare.
  const gens: Array<[string, number, () => OrderQuery]> = [
    ['order No. suffix (rare)', 12, () => ({ text: sample().order_id.slice(-5) })],
    ['order No. field, partial', 12, () => ({ orderNo: sample().order_id.slice(2, 10) })],
    ['order No. exact line', 12, () => ({ orderNo: sample().order_line_id })],
    ['order No. day prefix (common)', 12, () => ({ text: sample().order_id.slice(0, 8) })],
    ['order No. month prefix (very common)', 6, () => ({ text: sample().order_id.slice(0, 6) })],
    ['order No. 2 chars', 10, () => ({ orderNo: sample().order_id.slice(-2) })],
    ['order No. 1 char', 10, () => ({ orderNo: charOf(sample().order_id) })],
    [
      'zh 2 chars (product)',
      12,
      () => ({ text: pick(['迁移', '许可', '审计', '咨询', '部署', '托管', '治理', '培训']) }),
    ],
    ['zh 2 chars (customer)', 12, () => ({ text: pick(['杭州', '星河', '科技', '张伟', '云帆', '光谷', '李娜']) })],
    [
      'zh 3+ chars',
      12,
      () => ({ text: pick(['数据迁移', '安全审计', '有限公司', '云原生架构', '渗透测试', '许可证', '运维托管服务']) }),
    ],
    [
      'English word',
      12,
      () => ({
        text: pick(['migration', 'License', 'consulting', 'Kubernetes', 'backup', 'SAP', 'deployment', 'Audit']),
      }),
    ],
    ['customer name', 10, () => ({ text: sample().customer_name })],
    [
      'customer-name prefix',
      10,
      () => ({
        text: sample()
          .customer_name.slice(0, 2 + Math.floor(r() * 4))
          .trim(),
      }),
    ],
    ['English customer', 10, () => ({ text: pick(['Contoso', 'Northwind Traders', 'wingtip toys', 'Relecloud']) })],
    ['product field, partial', 10, () => ({ productName: pick(['迁移', 'Migration', '许可证', 'ERP', '审计']) })],
    ['two words', 12, () => ({ text: `${pick(['杭州', 'Contoso', '星河'])} ${pick(['迁移', 'License', '咨询'])}` })],
    ['no match', 6, () => ({ text: pick(['量子计算', 'zzqqx', '火星']) })],
    [
      'text + stage',
      10,
      () => ({
        text: pick(['迁移', 'License', '有限公司', 'Contoso']),
        stage: [pick(['awaiting_acceptance', 'request_pending', 'completed'] as const)],
      }),
    ],
    [
      'text + quick filter',
      10,
      () => ({
        text: pick(['咨询', 'migration', '科技']),
        quick: pick(['needs_action', 'waiting_long', 'appeal_open'] as const),
      }),
    ],
  ];
  const out: MixQuery[] = [];
  for (const [kind, weight, make] of gens)
    for (let i = 0; i < weight; i++) out.push({ kind, query: orderQuery.parse(make()) });
  // Interleaved deterministically, so warm-up and cache effects do not favour one kind.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out.slice(0, size);
}

/** List pages: a stage filter and a sort, no text ("list page"). */
export function listMix(seed = 11, size = 200): MixQuery[] {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const stages = [
    'awaiting_request',
    'request_pending',
    'awaiting_delivery',
    'awaiting_acceptance',
    'completed',
    'delivery_returned',
  ] as const;
  const sorts = [
    { field: 'placedAt', dir: 'desc' },
    { field: 'placedAt', dir: 'asc' },
    { field: 'daysWaiting', dir: 'desc' },
    { field: 'amount', dir: 'desc' },
    { field: 'productName', dir: 'asc' },
    { field: 'orderNo', dir: 'asc' },
  ] as const;
  const out: MixQuery[] = [];
  for (let i = 0; i < size; i++) {
    const sort = pick(sorts);
    out.push({
      kind: `stage + ${sort.field} ${sort.dir}`,
      query: orderQuery.parse({ stage: [pick(stages)], sort, offset: pick([0, 0, 0, 50, 500, 5000]), limit: 50 }),
    });
  }
  return out;
}
