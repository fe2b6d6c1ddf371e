// Products' delivery templates (P1, with ETags) and attachment bytes in the simulator's database.
import { createHash } from 'node:crypto';
import type { AttachmentRef, WireDeliveryTemplate } from '../common/marketplace/wire';
import type { SampleFiles } from './sample-files';
import type { SimStore } from './store';

export interface StoredTemplate {
  template: WireDeliveryTemplate;
  json: string;
  etag: string;
}

export function putTemplate(store: SimStore, template: WireDeliveryTemplate): StoredTemplate {
  const json = JSON.stringify({
    productId: template.productId,
    templateVersion: template.templateVersion,
    items: template.items,
  });
  const etag = `"${template.productId}.v${template.templateVersion}.${createHash('sha256').update(json).digest('hex').slice(0, 12)}"`;
  store.db
    .prepare(
      'INSERT INTO products (product_id, template_version, template_json, etag) VALUES (?, ?, ?, ?) ON CONFLICT(product_id) DO UPDATE SET template_version = excluded.template_version, template_json = excluded.template_json, etag = excluded.etag',
    )
    .run(template.productId, template.templateVersion, json, etag);
  return { template, json, etag };
}

export function getTemplate(store: SimStore, productId: string): StoredTemplate | null {
  const row = store.db.prepare('SELECT template_json, etag FROM products WHERE product_id = ?').get(productId) as
    { template_json: string; etag: string } | undefined;
  return row
    ? { template: JSON.parse(row.template_json) as WireDeliveryTemplate, json: row.template_json, etag: row.etag }
    : null;
}

export function listProducts(store: SimStore): Array<{ productId: string; templateVersion: number }> {
  return (
    store.db.prepare('SELECT product_id, template_version FROM products ORDER BY product_id').all() as Array<{
      product_id: string;
      template_version: number;
    }>
  ).map((r) => ({
    productId: r.product_id,
    templateVersion: r.template_version,
  }));
}

export interface StoredAttachment extends AttachmentRef {
  sellerId: string | null;
  data: Buffer;
}

export function putAttachment(
  store: SimStore,
  a: { attachmentId: string; sellerId: string | null; fileName: string; contentType: string; data: Buffer; at: number },
): AttachmentRef {
  const sha256 = createHash('sha256').update(a.data).digest('hex');
  store.db
    .prepare(
      'INSERT INTO attachments (attachment_id, seller_id, file_name, content_type, size, sha256, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(a.attachmentId, a.sellerId, a.fileName, a.contentType, a.data.length, sha256, a.data, a.at);
  return {
    attachmentId: a.attachmentId,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.data.length,
    sha256,
  };
}

interface AttachmentRow {
  attachment_id: string;
  seller_id: string | null;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
}

const fromRow = (r: AttachmentRow): StoredAttachment => ({
  attachmentId: r.attachment_id,
  sellerId: r.seller_id,
  fileName: r.file_name,
  contentType: r.content_type,
  size: r.size,
  sha256: r.sha256,
  data: r.data,
});

/** An uploaded/stored attachment, or a seeded one regenerated from its line's ref (seeded bytes are never stored). */
export function findAttachment(store: SimStore, files: SampleFiles, attachmentId: string): StoredAttachment | null {
  const row = store.db.prepare('SELECT * FROM attachments WHERE attachment_id = ?').get(attachmentId) as
    AttachmentRow | undefined;
  if (row) return fromRow(row);
  const m = /^(.+)-A\d+$/.exec(attachmentId);
  const stored = m ? store.getLine(m[1]) : null;
  const sup = stored?.line.supervision;
  if (!stored || !sup) return null;
  const ref = [...(sup.request?.attachments ?? []), ...(sup.delivery?.attachments ?? [])].find(
    (a) => a.attachmentId === attachmentId,
  );
  if (!ref) return null;
  const file = files.get(ref.fileName);
  if (file.sha256 !== ref.sha256) return null;
  return { ...ref, sellerId: stored.sellerId, data: file.bytes };
}

/** Dedupe for uploads: this seller's attachment with the same content (sha256 + size). */
export function findAttachmentByContent(
  store: SimStore,
  sellerId: string,
  sha256: string,
  size: number,
): string | null {
  const id = store.db
    .prepare('SELECT attachment_id FROM attachments WHERE seller_id = ? AND sha256 = ? AND size = ? LIMIT 1')
    .pluck()
    .get(sellerId, sha256, size);
  return (id as string | undefined) ?? null;
}
