// Text and files the demo customers and sellers "write": request descriptions, reasons, delivery content per
// template item (P1 value shapes), attachments of the right category (P3).
import type { AttachmentCategory, AttachmentRef, WireTemplateItem } from '../common/marketplace/wire';
import type { Prng } from './prng';
import type { SampleFiles } from './sample-files';
import type { DeliveryAttachment } from './transitions';

export const REQUEST_DESCRIPTIONS = [
  '请将本地 Oracle 11g 数据库迁移到云上 RDS，要求停机时间不超过 4 小时。',
  '需要在 cn-north-4 区域部署一套高可用集群，三节点，附网络拓扑。',
  'Please migrate our on-premises file server (about 2 TB) to OBS before the end of the quarter.',
  '我们希望对生产环境的 Web 应用做一次渗透测试，范围见附件。',
  'We need the enterprise license activated for 50 seats, with SSO via our Azure AD tenant.',
  '请协助完成等保三级测评准备工作，包括差距分析与整改建议。',
  'Kick-off requested for the week of the 14th; our DBA team is available 09:00–18:00 CST.',
  '需要为 30 名工程师安排为期五天的容器技术培训，地点在杭州。',
  'Please review our current architecture and propose a cloud-native target design with a migration roadmap.',
  '容灾演练需覆盖核心交易系统，RPO ≤ 15 分钟，RTO ≤ 1 小时。',
];

export const REJECT_REASONS = [
  '请补充部署环境 / please add the deployment environment',
  '需求范围不明确，请说明需要迁移的数据库实例数量。',
  'The attached inventory is empty; please upload the list of servers in scope.',
  '请提供测试授权书，否则无法开展渗透测试。',
  'Please confirm the preferred time window for the cut-over.',
];

export const RETURN_REASONS = [
  '验收报告缺少客户签字页。',
  'The license validity screenshot shows the wrong tenant.',
  '部署文档与实际环境不一致，请更新。',
  'Two of the acceptance checks are not evidenced; please add test results.',
];

export const UNSUBSCRIBE_REASONS = [
  '项目预算调整，申请部分退款。',
  'Project cancelled by our management; we request a refund of the unused part.',
  '服务未按约定时间开始，协商退订。',
];

export const APPEAL_REASONS = [
  '客户超过 5 天未验收且联系不上，已附承诺函。',
  'The customer has not responded to three acceptance reminders since delivery.',
  '客户对验收标准有争议，申请平台介入。',
];

const REQUEST_FILES = [
  '需求说明书.pdf',
  'requirements.pdf',
  '网络拓扑图.png',
  'network-topology.png',
  '现有系统清单.pdf',
  'environment-inventory.pdf',
  'screenshot-console.png',
];

const CATEGORY_FILES: Record<AttachmentCategory, string[]> = {
  request: REQUEST_FILES,
  acceptance: ['验收报告.pdf', 'acceptance-report.pdf', '验收单-客户签字.pdf'],
  license_validity: ['license-validity.png', '授权有效期截图.png'],
  deployment: ['deployment-console.png', '部署截图.png'],
  sow: ['SOW-signed.pdf', '工作说明书.pdf'],
  receipt: ['receipt.pdf', '补充收据.pdf'],
  commitment_letter: ['承诺函.pdf', 'letter-of-commitment.pdf'],
  other: ['notes.pdf', '会议纪要.pdf'],
};

/** Attachment refs whose bytes the server regenerates from the name (sample-files), so none are stored. */
export function attachmentRef(files: SampleFiles, attachmentId: string, fileName: string): AttachmentRef {
  const f = files.get(fileName);
  return { attachmentId, fileName, contentType: f.contentType, size: f.size, sha256: f.sha256 };
}

export function requestAttachments(prng: Prng, files: SampleFiles, nextId: () => string): AttachmentRef[] {
  const n = prng.weighted([
    [0, 3],
    [1, 4],
    [2, 2],
  ] as const);
  const out: AttachmentRef[] = [];
  for (let i = 0; i < n; i++) out.push(attachmentRef(files, nextId(), prng.pick(REQUEST_FILES)));
  return out;
}

const TEXT_VALUES = [
  'cn-north-4 / VPC-prod / ecs.c7.xlarge.2',
  '张伟 (Zhang Wei)',
  'Li Na, senior consultant',
  'LIC-2025-7F3A9C',
  '生产环境与灾备环境 / production and DR',
  'https://monitor.example.cn/d/overview',
  'Oracle 11g → RDS for PostgreSQL 15',
];

const LONG_VALUES = [
  '已完成全部数据迁移与一致性校验，应用回归测试通过，客户运维团队已接手日常运维。',
  'Work was delivered in three phases: assessment (week 1), implementation (weeks 2–3) and hand-over (week 4). ' +
    'All open items were closed with the customer on the final call.',
  '部署共 3 个节点，启用了跨可用区高可用；监控与告警已接入客户的值班系统。\n遗留问题：无。',
  'Findings: 2 high, 5 medium, 11 low. All high findings were fixed and verified during the retest.',
];

const NUMBER_RANGES: Record<string, [number, number]> = {
  dataVolumeGb: [20, 8000],
  highRiskFindings: [0, 4],
  seats: [5, 500],
  consultingDays: [5, 60],
  nodes: [3, 48],
  attendees: [6, 40],
  renewalReminderDays: [7, 60],
};

/** `YYYY-MM-DD` at UTC+8 (O4: no DST, so a fixed 8-hour shift is exact) — luxon is too slow for a million lines. */
function utc8Date(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

export interface DeliveryContent {
  content: Record<string, unknown>;
  attachments: DeliveryAttachment[];
}

/** P1/P2: a value of the right shape for every item, and ≥ 1 acceptance attachment (P3) — valid for the template. */
export function fillDelivery(
  prng: Prng,
  files: SampleFiles,
  items: WireTemplateItem[],
  placedMs: number,
  deliveredMs: number,
  nextId: () => string,
): DeliveryContent {
  const content: Record<string, unknown> = {};
  const attachments: DeliveryAttachment[] = [];
  const attach = (category: AttachmentCategory): void => {
    attachments.push({ ...attachmentRef(files, nextId(), prng.pick(CATEGORY_FILES[category])), category });
  };
  for (const item of items) {
    if (!item.required && prng.chance(0.4)) continue;
    switch (item.kind) {
      case 'text':
        content[item.key] = prng.pick(TEXT_VALUES);
        break;
      case 'longtext':
        content[item.key] = prng.pick(LONG_VALUES);
        break;
      case 'date':
        content[item.key] = utc8Date(placedMs + Math.floor(prng.next() * Math.max(0, deliveredMs - placedMs)));
        break;
      case 'number': {
        const [min, max] = NUMBER_RANGES[item.key] ?? [1, 100];
        content[item.key] = item.key === 'availabilityPercent' ? 99.95 : prng.int(min, max);
        break;
      }
      case 'checklist': {
        const options = item.options ?? [];
        content[item.key] = prng.chance(0.7) ? [...options] : options.filter((_, i) => i === 0 || prng.chance(0.6));
        break;
      }
      case 'attachment':
        attach(item.attachmentCategory ?? 'other');
        break;
    }
  }
  if (!attachments.some((a) => a.category === 'acceptance' || a.category === 'sow')) attach('acceptance');
  return { content, attachments };
}
