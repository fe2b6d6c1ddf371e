// Delivery templates repository (docs/rules.md P1): all versions kept by (product_id, template_version), raw JSON kept.
import { z } from 'zod';
import { templateItem, type WireDeliveryTemplate, type WireTemplateItem } from '../../common/marketplace/wire';
import type { ReadDb, WriteDb } from '../db/connection';
import { storedJson } from '../db/row-problems';
import { perDb } from '../db/statement-cache';

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
    items: items.parse(
      storedJson(row.items_json, 'delivery_templates', `${row.product_id}@${row.template_version}`, 'items_json'),
    ),
    raw: storedJson(row.raw_json, 'delivery_templates', `${row.product_id}@${row.template_version}`, 'raw_json'),
    fetchedAt: row.fetched_at,
  };
}

const TEMPLATE_COLUMNS = 'product_id, template_version, etag, items_json, raw_json, fetched_at';

const reads = perDb((db: ReadDb) => ({
  latest: db.prepare<[string], TemplateRow>(
    `SELECT ${TEMPLATE_COLUMNS} FROM delivery_templates WHERE product_id = ? ORDER BY template_version DESC LIMIT 1`,
  ),
  version: db.prepare<[string, number], TemplateRow>(
    `SELECT ${TEMPLATE_COLUMNS} FROM delivery_templates WHERE product_id = ? AND template_version = ?`,
  ),
  versions: db
    .prepare<[string], number>(
      'SELECT template_version FROM delivery_templates WHERE product_id = ? ORDER BY template_version',
    )
    .pluck(),
  toFetch: db.prepare<[], TemplateToFetch>(
    `SELECT r.product_id AS productId, r.max_version AS wantedVersion, t.template_version AS cachedVersion, t.etag AS etag
     FROM template_refs r
     LEFT JOIN delivery_templates t ON t.product_id = r.product_id
       AND t.template_version = (SELECT max(template_version) FROM delivery_templates WHERE product_id = r.product_id)
     WHERE t.template_version IS NULL OR t.template_version < r.max_version
     ORDER BY r.product_id`,
  ),
}));

const writes = perDb((db: WriteDb) => ({
  save: db.prepare<[string, number, string | null, string, string, number]>(
    `INSERT INTO delivery_templates (product_id, template_version, etag, items_json, raw_json, fetched_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (product_id, template_version) DO UPDATE SET
       etag = excluded.etag, items_json = excluded.items_json, raw_json = excluded.raw_json, fetched_at = excluded.fetched_at`,
  ),
  noteRef: db.prepare<[string, number]>(
    `INSERT INTO template_refs (product_id, max_version) VALUES (?, ?)
     ON CONFLICT (product_id) DO UPDATE SET max_version = max(max_version, excluded.max_version)`,
  ),
}));

/** Stores one template version; fetching the same version again refreshes its ETag and raw JSON. */
export function saveTemplate(
  db: WriteDb,
  input: { template: WireDeliveryTemplate; etag: string | null; raw: unknown; fetchedAt: number },
): void {
  const t = input.template;
  writes(db).save.run(
    t.productId,
    t.templateVersion,
    input.etag,
    JSON.stringify(t.items),
    JSON.stringify(input.raw ?? t),
    input.fetchedAt,
  );
}

/** One version, or the highest cached one when `version` is omitted. */
export function getTemplate(db: ReadDb, productId: string, version?: number): StoredTemplate | null {
  const row = version === undefined ? reads(db).latest.get(productId) : reads(db).version.get(productId, version);
  return row ? rowToTemplate(row) : null;
}

export function listTemplateVersions(db: ReadDb, productId: string): number[] {
  return reads(db).versions.all(productId);
}

/** Records which template versions order lines refer to (call inside the transaction that stores the lines). */
export function noteTemplateRefs(
  db: WriteDb,
  refs: ReadonlyArray<{ productId: string; templateVersion?: number | null }>,
): void {
  const highest = new Map<string, number>();
  for (const r of refs) {
    if (r.templateVersion === null || r.templateVersion === undefined || !r.productId) continue;
    highest.set(r.productId, Math.max(highest.get(r.productId) ?? r.templateVersion, r.templateVersion));
  }
  if (highest.size === 0) return;
  const stmt = writes(db).noteRef;
  for (const [productId, version] of highest) stmt.run(productId, version);
}

/** Products whose order lines refer to a template version newer than the cached one (or none is cached). */
export function templatesToFetch(db: ReadDb): TemplateToFetch[] {
  return reads(db).toFetch.all();
}
