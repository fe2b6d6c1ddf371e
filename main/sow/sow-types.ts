// What the statement of work is generated from. Plain data: the caller reads the
// order, the template version the draft was filled against, and the draft from the database.
import type { AttachmentCategory, WireTemplateItem } from '../../common/marketplace/wire';
import type { Validity } from '../../common/domain/validity';

export interface SowOrder {
  orderId: string;
  orderLineId: string;
  productName: string;
  /** docs/rules.md O3: integer minor units. */
  amountMinor: number;
  currency: string;
  /** UTC ms. */
  placedAt: number;
  customerName: string;
  sellerName: string;
}

export interface SowAttachment {
  fileName: string;
  category: AttachmentCategory;
  size: number;
  sha256: string;
}

export interface SowInput {
  /** Printed in every footer; the caller makes it (e.g. from the draft id and revision). */
  documentId: string;
  /** UTC ms — an input, not the clock: the same input gives byte-identical output. */
  generatedAt: number;
  order: SowOrder;
  template: { templateVersion: number; items: readonly WireTemplateItem[] };
  draft: {
    /** P1 values by item key: string, `YYYY-MM-DD`, number, or the ticked checklist options. */
    content: Readonly<Record<string, unknown>>;
    /** UTC ms, or null: the period then starts at acceptance (V1). */
    enablingTime: number | null;
  };
  /** In the order the index lists them. */
  attachments: readonly SowAttachment[];
  /** The validity that will apply (common/domain/validity.ts); null when the order has no period (one-time charge). */
  validity: Validity | null;
}

/** P3 categories, both languages. */
export const CATEGORY_LABELS: Record<AttachmentCategory, string> = {
  request: 'Request / 需求文档',
  acceptance: 'Acceptance / 验收文档',
  license_validity: 'License validity / 授权有效期',
  deployment: 'Deployment / 部署证明',
  sow: 'SOW / 工作说明书',
  receipt: 'Receipt / 收据',
  commitment_letter: 'Commitment letter / 承诺函',
  other: 'Other / 其他',
};
