// Delivery templates repository (docs/rules.md P1): all versions kept by (product_id, template_version), raw JSON kept.
import { z } from 'zod';
import { templateItem, type WireDeliveryTemplate, type WireTemplateItem } from '../../common/marketplace/wire';
import type { Db } from './connection';
import { storedJson } from './row-problems';

export interface StoredTemplate {
  productId: string;
  templateVersion: number;
  etag: string | null;
  items: WireTemplateItem[];
  /** The template exactly as the marketplace sent it. */
  raw: unknown;
  fetchedAt: number;
}

export interface TemplateToFetch {
  productId: string;
  /** The highest version an order line of this product refers to. */
  wantedVersion: number;
  /** The highest version cached, or null when none is. */
  cachedVersion: number | null;
  /** ETag of the cached highest version, for If-None-Match. */
  etag: string | null;
}

interface TemplateRow {
  product_id: string;
  template_version: number;
  etag: string | null;
  items_json: string;
  raw_json: string;
  fetched_at: number;
}

const items = z.array(templateItem);

function rowToTemplate(row: TemplateRow): StoredTemplate {
  return {
    productId: row.product_id,
    templateVersion: row.template_version,
    etag: row.etag,
    items: items.parse(storedJson(row.items_json, 'delivery_templates', `${row.product_id}@${row.template_version}`, 'items_json')),
    raw: storedJson(row.raw_json, 'delivery_templates', `${row.product_id}@${row.template_version}`, 'raw_json'),
    fetchedAt: row.fetched_at,
  };
}

/** Stores one template version; fetching the same version again refreshes its ETag and raw JSON. */
export function saveTemplate(db: Db, input: { template: WireDeliveryTemplate; etag: string | null; raw: unknown; fetchedAt: number }): void {
  const t = input.template;
  db.prepare(
    `INSERT INTO delivery_templates (product_id, template_version, etag, items_json, raw_json, fetched_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (product_id, template_version) DO UPDATE SET
       etag = excluded.etag, items_json = excluded.items_json, raw_json = excluded.raw_json, fetched_at = excluded.fetched_at`,
  ).run(t.productId, t.templateVersion, input.etag, JSON.stringify(t.items), JSON.stringify(input.raw ?? t), input.fetchedAt);
}

/** One version, or the highest cached one when `version` is omitted. */
export function getTemplate(db: Db, productId: string, version?: number): StoredTemplate | null {
  const row =
    version === undefined
      ? (db
          .prepare('SELECT * FROM delivery_templates WHERE product_id = ? ORDER BY template_version DESC LIMIT 1')
          .get(productId) as TemplateRow | undefined)
      : (db.prepare('SELECT * FROM delivery_templates WHERE product_id = ? AND template_version = ?').get(productId, version) as
          | TemplateRow
          | undefined);
  return row ? rowToTemplate(row) : null;
}

export function listTemplateVersions(db: Db, productId: string): number[] {
  const rows = db.prepare('SELECT template_version AS v FROM delivery_templates WHERE product_id = ? ORDER BY template_version').all(productId) as Array<{
    v: number;
  }>;
  return rows.map((r) => r.v);
}

/** Records which template versions order lines refer to (call inside the transaction that stores the lines). */
export function noteTemplateRefs(db: Db, refs: ReadonlyArray<{ productId: string; templateVersion?: number | null }>): void {
  const highest = new Map<string, number>();
  for (const r of refs) {
    if (r.templateVersion === null || r.templateVersion === undefined || !r.productId) continue;
    highest.set(r.productId, Math.max(highest.get(r.productId) ?? r.templateVersion, r.templateVersion));
  }
  if (highest.size === 0) return;
  const stmt = db.prepare(
    `INSERT INTO template_refs (product_id, max_version) VALUES (?, ?)
     ON CONFLICT (product_id) DO UPDATE SET max_version = max(max_version, excluded.max_version)`,
  );
  for (const [productId, version] of highest) stmt.run(productId, version);
}

/** Products whose order lines refer to a template version newer than the cached one (or none is cached). */
export function templatesToFetch(db: Db): TemplateToFetch[] {
  const rows = db
    .prepare(
      `SELECT r.product_id AS productId, r.max_version AS wantedVersion, t.template_version AS cachedVersion, t.etag AS etag
       FROM template_refs r
       LEFT JOIN delivery_templates t ON t.product_id = r.product_id
         AND t.template_version = (SELECT max(template_version) FROM delivery_templates WHERE product_id = r.product_id)
       WHERE t.template_version IS NULL OR t.template_version < r.max_version
       ORDER BY r.product_id`,
    )
    .all() as TemplateToFetch[];
  return rows;
}
