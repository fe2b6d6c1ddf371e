import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, deliveryTemplate, TEMPLATE_ITEM_KINDS, type WireOrderLine } from '../common/marketplace/wire';
import { PRODUCTS } from './catalog';
import { startSimulator, type Simulator } from './index';
import { pullAll, signedFetch } from './test-client';

const NOW = Date.UTC(2025, 9, 15, 4, 0, 0);
const SYNC = '/api/seller-sync/v1';

describe('seller sync reference data', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ now: NOW, orders: 200, quiet: true });
  });
  afterAll(() => sim.close());

  it('account parses with the wire schema', async () => {
    const a = await signedFetch(sim, `${SYNC}/account`);
    expect(account.parse(a.json)).toMatchObject({ sellerId: 'SELLER0001', businessInfoCertified: true });
  });

  it('P1: a delivery template with an ETag; If-None-Match with it → 304 without a body', async () => {
    const productId = PRODUCTS[0].productId;
    const a = await signedFetch(sim, `${SYNC}/products/${productId}/delivery-template`);
    expect(a.status).toBe(200);
    const t = deliveryTemplate.parse(a.json);
    expect(t.productId).toBe(productId);
    expect(a.json?.resultCode).toBe('MKT.0000');
    const etag = a.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const b = await signedFetch(sim, `${SYNC}/products/${productId}/delivery-template`, {
      headers: { 'If-None-Match': etag },
    });
    expect(b.status).toBe(304);
    expect(b.bytes.length).toBe(0);
    expect(b.headers.get('etag')).toBe(etag);
    const c = await signedFetch(sim, `${SYNC}/products/${productId}/delivery-template`, {
      headers: { 'If-None-Match': '"stale"' },
    });
    expect(c.status).toBe(200);
  });

  it("P1: every product's template has every item kind, checklists have options, attachments a category; some are past version 1", async () => {
    const versions: number[] = [];
    for (const p of PRODUCTS) {
      const t = deliveryTemplate.parse(
        (await signedFetch(sim, `${SYNC}/products/${p.productId}/delivery-template`)).json,
      );
      versions.push(t.templateVersion);
      expect(new Set(t.items.map((i) => i.kind))).toEqual(new Set(TEMPLATE_ITEM_KINDS));
      for (const i of t.items) {
        if (i.kind === 'checklist') expect(i.options?.length).toBeGreaterThan(1);
        if (i.kind === 'attachment') expect(i.attachmentCategory).toBeTruthy();
      }
      expect(
        t.items.some(
          (i) => i.kind === 'attachment' && (i.attachmentCategory === 'acceptance' || i.attachmentCategory === 'sow'),
        ),
      ).toBe(true);
      expect(new Set(t.items.map((i) => i.key)).size).toBe(t.items.length);
    }
    expect(versions.some((v) => v > 1)).toBe(true);
    expect(PRODUCTS.length).toBeGreaterThanOrEqual(20);
  });

  it('unknown product → 404 MKT.2404', async () => {
    const a = await signedFetch(sim, `${SYNC}/products/OFFI000/delivery-template`);
    expect(a.status).toBe(404);
    expect(a.json?.resultCode).toBe('MKT.2404');
  });

  it('a customer request attachment downloads as real PDF/PNG bytes matching its ref', async () => {
    const { items } = await pullAll(sim, 500);
    const refs = (items as unknown as WireOrderLine[]).flatMap((l) => l.supervision?.request?.attachments ?? []);
    expect(refs.length).toBeGreaterThan(5);
    const pdf = refs.find((r) => r.contentType === 'application/pdf');
    const png = refs.find((r) => r.contentType === 'image/png');
    for (const ref of [pdf, png]) {
      if (!ref) throw new Error('expected both a PDF and a PNG request attachment');
      const a = await signedFetch(sim, `${SYNC}/attachments/${ref.attachmentId}`);
      expect(a.status).toBe(200);
      expect(a.headers.get('content-type')).toBe(ref.contentType);
      expect(a.bytes.length).toBe(ref.size);
      expect(createHash('sha256').update(a.bytes).digest('hex')).toBe(ref.sha256);
      const magic = ref.contentType === 'application/pdf' ? '%PDF-' : '\x89PNG';
      expect(a.bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
    }
    const missing = await signedFetch(sim, `${SYNC}/attachments/${pdf?.attachmentId}9`);
    expect(missing.status).toBe(404);
    expect(missing.json?.resultCode).toBe('MKT.2404');
  });

  it('unknown endpoint → 404, wrong method → 405, both with resultCode', async () => {
    const a = await signedFetch(sim, `${SYNC}/nothing`);
    expect(a.status).toBe(404);
    expect(a.json?.resultCode).toBe('MKT.0101');
    const b = await signedFetch(sim, `${SYNC}/account`, { method: 'POST', body: {} });
    expect(b.status).toBe(405);
    expect(b.json?.resultCode).toBe('MKT.0101');
  });
});
