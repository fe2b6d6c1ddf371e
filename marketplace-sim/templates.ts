// docs/rules.md P1: delivery templates (acceptance criteria) of the demo products — ordered items of every kind,
// versioned.
import type { WireTemplateItem } from '../common/marketplace/wire';

export type TemplateFamily =
  'migration' | 'security' | 'license' | 'consulting' | 'deployment' | 'training' | 'operations';

interface FamilySpec {
  items: WireTemplateItem[];
  /** Items added by later versions: `extras[0]` arrives with version 2, `extras[1]` with version 3, … */
  extras: WireTemplateItem[];
}

const text = (key: string, title: string, description: string | null, required = true): WireTemplateItem => ({
  key,
  title,
  description,
  required,
  kind: 'text',
});
const longtext = (key: string, title: string, description: string | null, required = true): WireTemplateItem => ({
  key,
  title,
  description,
  required,
  kind: 'longtext',
});
const date = (key: string, title: string, description: string | null, required = true): WireTemplateItem => ({
  key,
  title,
  description,
  required,
  kind: 'date',
});
const number = (key: string, title: string, description: string | null, required = true): WireTemplateItem => ({
  key,
  title,
  description,
  required,
  kind: 'number',
});
const checklist = (key: string, title: string, options: string[], required = true): WireTemplateItem => ({
  key,
  title,
  description: '勾选已完成的项目 / Tick what was done',
  required,
  kind: 'checklist',
  options,
});
const acceptanceDoc: WireTemplateItem = {
  key: 'acceptanceDocument',
  title: '验收文档 / Acceptance document',
  description: '客户签字的验收单 / The acceptance form signed by the customer',
  required: true,
  kind: 'attachment',
  attachmentCategory: 'acceptance',
};
const sowDoc: WireTemplateItem = {
  key: 'statementOfWork',
  title: '工作说明书 / Statement of work',
  description: 'SOW (PDF)',
  required: false,
  kind: 'attachment',
  attachmentCategory: 'sow',
};

const FAMILIES: Record<TemplateFamily, FamilySpec> = {
  migration: {
    items: [
      text('migrationScope', '迁移范围 / Migration scope', '源系统与目标系统 / Source and target systems'),
      longtext(
        'migrationReport',
        '迁移报告 / Migration report',
        '步骤、问题与处理 / Steps, issues and how they were handled',
      ),
      date('cutoverDate', '割接日期 / Cut-over date', '业务切换到目标系统的日期 / The day production moved'),
      number('dataVolumeGb', '迁移数据量 (GB) / Data volume (GB)', '实际迁移的数据量 / Data actually migrated'),
      checklist('checks', '验收检查 / Acceptance checks', [
        '数据完整性校验 / Data integrity verified',
        '应用回归测试 / Application regression tested',
        '回滚方案已演练 / Rollback rehearsed',
        '客户签字确认 / Customer sign-off',
      ]),
      acceptanceDoc,
      sowDoc,
    ],
    extras: [
      longtext(
        'rollbackPlan',
        '回滚方案 / Rollback plan',
        '如何恢复到迁移前 / How to return to the pre-migration state',
        false,
      ),
      {
        key: 'deploymentProof',
        title: '部署证明 / Deployment proof',
        description: '目标环境截图 / Screenshots of the target environment',
        required: false,
        kind: 'attachment',
        attachmentCategory: 'deployment',
      },
    ],
  },
  security: {
    items: [
      text(
        'assessmentScope',
        '评估范围 / Assessment scope',
        '系统、IP 段与应用 / Systems, address ranges and applications',
      ),
      longtext('findingsSummary', '发现摘要 / Summary of findings', '高/中/低风险项 / High, medium and low findings'),
      date('reportDate', '报告日期 / Report date', '最终报告出具日期 / Date of the final report'),
      number('highRiskFindings', '高风险项数量 / High-risk findings', '未修复的高风险项 / Open high-risk findings'),
      checklist('deliverables', '交付物 / Deliverables', [
        '测试报告 / Test report',
        '整改建议 / Remediation advice',
        '复测结果 / Retest results',
      ]),
      acceptanceDoc,
    ],
    extras: [text('retestWindow', '复测窗口 / Retest window', '约定的复测时间 / Agreed retest period', false)],
  },
  license: {
    items: [
      text('licenseKey', '许可证编号 / License number', '交付的许可证编号 / The license delivered'),
      longtext(
        'activationNotes',
        '激活说明 / Activation notes',
        '激活步骤与联系人 / How it was activated and by whom',
        false,
      ),
      date('licenseStart', '许可证生效日期 / License start date', '授权开始的日期 / First day of the authorization'),
      number('seats', '授权数量 / Seats', '授权的用户或节点数 / Users or nodes licensed'),
      checklist('activation', '激活确认 / Activation', [
        '许可证已激活 / License activated',
        '客户已登录 / Customer signed in',
        '到期提醒已配置 / Expiry reminder set',
      ]),
      {
        key: 'validityScreenshot',
        title: '授权有效期截图 / License validity screenshot',
        description: '软件授权有效期的截图 / Screenshot of the authorization period',
        required: true,
        kind: 'attachment',
        attachmentCategory: 'license_validity',
      },
      acceptanceDoc,
    ],
    extras: [
      text('licenseServer', '许可证服务器 / License server', '主机名或地址 / Host name or address', false),
      {
        key: 'receipt',
        title: '补充收据 / Additional receipt',
        description: null,
        required: false,
        kind: 'attachment',
        attachmentCategory: 'receipt',
      },
      number('renewalReminderDays', '续期提醒天数 / Renewal reminder (days)', null, false),
    ],
  },
  consulting: {
    items: [
      text('engagementLead', '项目负责人 / Engagement lead', '顾问姓名 / Consultant name'),
      longtext('recommendations', '建议摘要 / Recommendations', '主要建议与路线图 / Main recommendations and roadmap'),
      date('workshopDate', '研讨会日期 / Workshop date', '最终汇报日期 / Final read-out'),
      number('consultingDays', '咨询人天 / Consulting days', '实际投入的人天 / Person-days spent'),
      checklist('deliverables', '交付物 / Deliverables', [
        '现状评估 / Current-state assessment',
        '目标架构 / Target architecture',
        '实施路线图 / Implementation roadmap',
        '汇报材料 / Read-out deck',
      ]),
      acceptanceDoc,
      sowDoc,
    ],
    extras: [
      longtext(
        'openQuestions',
        '待决问题 / Open questions',
        '尚待客户决定的事项 / Decisions the customer still owes',
        false,
      ),
    ],
  },
  deployment: {
    items: [
      text('environment', '部署环境 / Environment', '区域、VPC 与规格 / Region, VPC and flavours'),
      longtext('deploymentSteps', '部署记录 / Deployment log', '实施步骤 / What was done'),
      date('goLiveDate', '上线日期 / Go-live date', '系统开始服务的日期 / The day the system went live'),
      number('nodes', '节点数量 / Nodes', '部署的节点数 / Nodes deployed'),
      checklist('checks', '上线检查 / Go-live checks', [
        '监控告警已配置 / Monitoring configured',
        '备份已验证 / Backups verified',
        '压力测试通过 / Load test passed',
        '运维交接完成 / Operations handed over',
      ]),
      {
        key: 'deploymentProof',
        title: '部署场景证明 / Deployment scenario proof',
        description: '控制台截图 / Console screenshots',
        required: true,
        kind: 'attachment',
        attachmentCategory: 'deployment',
      },
      acceptanceDoc,
    ],
    extras: [
      text('monitoringUrl', '监控地址 / Monitoring URL', null, false),
      longtext('knownIssues', '已知问题 / Known issues', '上线时仍存在的问题 / What remains open at go-live', false),
    ],
  },
  training: {
    items: [
      text('trainer', '讲师 / Trainer', '讲师姓名 / Name of the trainer'),
      longtext('agenda', '培训议程 / Agenda', '每天的主题 / Topics per day'),
      date('trainingDate', '培训日期 / Training date', '第一天 / First day'),
      number('attendees', '参训人数 / Attendees', '签到人数 / Signed-in attendees'),
      checklist('materials', '培训材料 / Materials', [
        '讲义 / Handouts',
        '实验环境 / Lab environment',
        '考试 / Exam',
        '证书 / Certificates',
      ]),
      acceptanceDoc,
    ],
    extras: [],
  },
  operations: {
    items: [
      text('serviceManager', '服务经理 / Service manager', '7×24 联系人 / 24×7 contact'),
      longtext(
        'serviceReport',
        '服务报告 / Service report',
        '本期事件、变更与可用性 / Incidents, changes and availability this period',
      ),
      date('periodStart', '服务开始日期 / Service start', '托管开始的日期 / First day of managed service'),
      number('availabilityPercent', '可用性 (%) / Availability (%)', '本期实测可用性 / Measured availability'),
      checklist('handover', '交接检查 / Handover', [
        '账号权限已移交 / Access handed over',
        '应急预案已评审 / Runbook reviewed',
        '值班表已确认 / On-call roster agreed',
      ]),
      acceptanceDoc,
      sowDoc,
    ],
    extras: [
      {
        key: 'otherEvidence',
        title: '其他证明 / Other evidence',
        description: null,
        required: false,
        kind: 'attachment',
        attachmentCategory: 'other',
      },
    ],
  },
};

/** The template items of a family at a version (P1: versioned; later versions append items). */
export function templateItems(family: TemplateFamily, version: number): WireTemplateItem[] {
  const spec = FAMILIES[family];
  const extras = spec.extras.slice(0, Math.max(0, version - 1));
  return [...spec.items, ...extras];
}

/** The highest version a family can reach (1 + its extras). */
export function maxTemplateVersion(family: TemplateFamily): number {
  return 1 + FAMILIES[family].extras.length;
}
