// A realistic statement-of-work input (Chinese and English) for tests, the benchmark and previews.
import { validityPeriod } from '../../common/domain/validity';
import type { WireTemplateItem } from '../../common/marketplace/wire';
import type { SowInput } from './sow-types';

/** An instant given as UTC+8 wall-clock time. */
const cst = (y: number, m: number, d: number, hh = 0, mm = 0) => Date.UTC(y, m - 1, d, hh - 8, mm);

export const SAMPLE_ITEMS: WireTemplateItem[] = [
  {
    key: 'summary',
    title: '部署概述 / Deployment summary',
    description: 'What was installed, where, and for whom. / 部署内容、部署位置及使用部门。',
    required: true,
    kind: 'longtext',
  },
  { key: 'go_live', title: 'Go-live date / 上线日期', required: true, kind: 'date' },
  {
    key: 'tables',
    title: 'Migrated tables / 迁移表数量',
    description: 'Number of tables migrated and verified.',
    required: true,
    kind: 'number',
  },
  {
    key: 'checks',
    title: 'Acceptance checks / 验收检查项',
    required: true,
    kind: 'checklist',
    options: [
      '数据一致性校验通过 / Data consistency verified',
      'Performance baseline met / 性能基线达标',
      '回滚方案已演练 / Rollback rehearsed',
      'Operations handover / 运维交接',
    ],
  },
  { key: 'engineer', title: 'On-site engineer / 驻场工程师', required: false, kind: 'text' },
  {
    key: 'acceptance_doc',
    title: 'Signed acceptance document / 签字验收单',
    required: true,
    kind: 'attachment',
    attachmentCategory: 'acceptance',
  },
  {
    key: 'license',
    title: 'License validity screenshot / 授权有效期截图',
    required: false,
    kind: 'attachment',
    attachmentCategory: 'license_validity',
  },
  { key: 'remarks', title: 'Remarks / 备注', required: false, kind: 'longtext' },
];

export function sampleSowInput(): SowInput {
  const enablingTime = cst(2025, 4, 1, 9, 0);
  return {
    documentId: 'SOW-CS2504101530-01',
    generatedAt: cst(2025, 4, 10, 15, 30),
    order: {
      orderId: 'CS2503301015ABCDE',
      orderLineId: 'CS2503301015ABCDE-000001',
      productName: '数据库迁移实施服务（企业版）Database Migration Service',
      amountMinor: 12_800_000,
      currency: 'CNY',
      placedAt: cst(2025, 3, 30, 10, 15),
      customerName: '上海云杉信息科技有限公司',
      sellerName: 'Northwind 数据服务有限公司',
    },
    template: { templateVersion: 3, items: SAMPLE_ITEMS },
    draft: {
      enablingTime,
      content: {
        summary:
          '在客户生产环境（华东-上海一区）完成 MySQL 5.7 至 GaussDB 的迁移，共 3 个业务库。Deployed the migration toolkit on two ECS hosts, ran a full load plus incremental sync for 48 hours, and switched the application traffic on April 1 at 09:00.\n切换后业务运行正常，性能指标满足合同约定。',
        go_live: '2025-04-01',
        tables: 412,
        checks: [
          '数据一致性校验通过 / Data consistency verified',
          'Performance baseline met / 性能基线达标',
          'Operations handover / 运维交接',
        ],
        engineer: '李明 (Li Ming)',
      },
    },
    attachments: [
      {
        fileName: '验收单-签字版.pdf',
        category: 'acceptance',
        size: 238_512,
        sha256: '3f7a9c1e5b2d4f6081a3c5e7f90b1d2e4f6a8c0e2b4d6f8a1c3e5f7092b4d6f8',
      },
      {
        fileName: 'license-validity.png',
        category: 'license_validity',
        size: 84_211,
        sha256: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
      },
      {
        fileName: 'deployment-topology.pdf',
        category: 'deployment',
        size: 1_532_101,
        sha256: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
      },
    ],
    validity: validityPeriod({ periodType: 'year', periodNumber: 1, enablingTime, acceptedAt: null }),
  };
}

/** The sample with long content: enough for several pages (a row split across pages included). */
export function longSowInput(): SowInput {
  const base = sampleSowInput();
  const paragraph =
    '迁移过程中对每个业务库执行了全量校验与抽样比对，记录了每张表的行数、校验和以及耗时。The verification covered row counts, checksums and sampled record comparison for every table; discrepancies were fixed and re-verified before the cutover. ';
  const items: WireTemplateItem[] = [...base.template.items];
  const content: Record<string, unknown> = {
    ...base.draft.content,
    remarks: Array.from({ length: 40 }, (_, i) => `${i + 1}. ${paragraph}`).join('\n'),
  };
  for (let i = 1; i <= 24; i++) {
    items.push({
      key: `phase_${i}`,
      title: `阶段 ${i} 交付说明 / Phase ${i} delivery notes`,
      required: false,
      kind: 'longtext',
    });
    content[`phase_${i}`] = paragraph.repeat(1 + (i % 3));
  }
  return { ...base, template: { templateVersion: 3, items }, draft: { ...base.draft, content } };
}
