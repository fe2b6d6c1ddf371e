import { describe, expect, it } from 'vitest';
import { REQUEST_FIRST_CUTOVER_MS } from '../common/domain/supervision';
import { DAY_MS } from '../common/domain/time';
import { parseMoney } from '../common/domain/money';
import { orderLine, STAGES, type WireOrderLine } from '../common/marketplace/wire';
import { getTemplate } from './catalog-store';
import { startSimulator } from './index';
import { createSampleFiles } from './sample-files';
import { generateLines } from './seed';
import { seedProducts } from './seeding';
import { SimStore } from './store';
import { control } from './test-client';

const NOW = Date.UTC(2025, 9, 15, 4, 0, 0);
const gen = (count: number, seed = 1, baseMs = NOW): WireOrderLine[] => [
  ...generateLines({ seed, count, baseMs, startIndex: 0, files: createSampleFiles() }),
];
const HAN = /[\u4e00-\u9fff]/;

describe('demo seed', () => {
  const lines = gen(300);

  it('every generated line parses with the wire schema (common/marketplace/wire.ts orderLine)', () => {
    expect(lines).toHaveLength(300);
    for (const l of lines) {
      const r = orderLine.safeParse(l);
      expect(r.success, `${l.orderLineId}: ${JSON.stringify(r.error?.issues[0])}`).toBe(true);
    }
    expect(new Set(lines.map((l) => l.orderLineId)).size).toBe(300);
    for (const l of lines) expect(l.orderLineId).toMatch(/^CS\d{10}[A-Z]{5}-\d{6}$/);
  });

  it('S2: covers every stage; S1: both processes, legacy placed before the cutover and never in request stages', () => {
    const stages = new Set(lines.map((l) => l.supervision?.stage).filter(Boolean));
    expect([...stages].sort()).toEqual([...STAGES].sort());
    const legacy = lines.filter((l) => l.supervision?.process === 'LEGACY');
    const first = lines.filter((l) => l.supervision?.process === 'REQUEST_FIRST');
    expect(legacy.length).toBeGreaterThan(10);
    expect(first.length).toBeGreaterThan(100);
    for (const l of legacy) {
      expect(Date.parse(l.createTime)).toBeLessThan(REQUEST_FIRST_CUTOVER_MS);
      expect(l.supervision?.requestRejections).toBe(0);
      expect(l.supervision?.request).toBeNull();
      expect(['awaiting_request', 'request_pending', 'request_returned']).not.toContain(l.supervision?.stage);
    }
    for (const l of first) expect(Date.parse(l.createTime)).toBeGreaterThanOrEqual(REQUEST_FIRST_CUTOVER_MS);
    for (const stage of ['awaiting_delivery', 'delivery_returned', 'awaiting_acceptance', 'completed', 'closed']) {
      expect(
        legacy.some((l) => l.supervision?.stage === stage),
        `legacy ${stage}`,
      ).toBe(true);
    }
  });

  it('S5: some wait for acceptance more than 5 days, some less; appeals open and pending unsubscriptions on a few', () => {
    const waiting = lines
      .filter((l) => l.supervision?.stage === 'awaiting_acceptance')
      .map((l) => NOW - Date.parse(l.supervision?.delivery?.submittedAt ?? ''));
    expect(waiting.some((w) => w > 5 * DAY_MS)).toBe(true);
    expect(waiting.some((w) => w < 5 * DAY_MS)).toBe(true);
    expect(lines.filter((l) => l.supervision?.appealOpen).length).toBeGreaterThanOrEqual(2);
    expect(lines.filter((l) => l.supervision?.unsubscription?.status === 'pending').length).toBeGreaterThanOrEqual(1);
    expect(lines.some((l) => (l.supervision?.requestRejections ?? 0) > 0)).toBe(true);
    expect(lines.some((l) => (l.supervision?.deliveryRejections ?? 0) > 0)).toBe(true);
  });

  it('S6: renewals (RENEW, renewsOrderLineId of a completed line) and pay-per-use lines are not supervised', () => {
    const renewals = lines.filter((l) => l.orderType === 'RENEW');
    expect(renewals.length).toBeGreaterThan(3);
    const byId = new Map(lines.map((l) => [l.orderLineId, l]));
    for (const r of renewals) {
      expect(r.supervision).toBeNull();
      const old = byId.get(r.renewsOrderLineId ?? '');
      expect(old?.supervision?.stage).toBe('completed');
      expect(r.validity?.start).toBe(old?.validity?.end);
    }
    const ppu = lines.filter((l) => l.chargingMode === 'ON_DEMAND');
    expect(ppu.length).toBeGreaterThan(3);
    for (const l of ppu) expect(l.supervision).toBeNull();
  });

  it('CNY and USD; Chinese and English product and customer names; contact details; 0–2 request attachments', () => {
    expect(new Set(lines.map((l) => l.currency))).toEqual(new Set(['CNY', 'USD']));
    expect(lines.some((l) => HAN.test(l.productName))).toBe(true);
    expect(lines.some((l) => !HAN.test(l.productName))).toBe(true);
    expect(lines.some((l) => HAN.test(l.customer.customerName) && l.customer.customerName.endsWith('有限公司'))).toBe(
      true,
    );
    expect(lines.some((l) => /^[A-Za-z]/.test(l.customer.customerName))).toBe(true);
    for (const l of lines) {
      expect(l.customer.email).toMatch(/@/);
      expect(l.customer.mobilePhone).toMatch(/^\+\d/);
      expect(parseMoney(l.amount)).toBeGreaterThanOrEqual(0);
    }
    const counts = new Set(lines.map((l) => l.supervision?.request?.attachments.length).filter((n) => n !== undefined));
    expect([...counts].sort()).toEqual([0, 1, 2]);
  });

  it('S2/O2a: histories are consistent — version counts the moves, completed lines are accepted with validity, closed lines CANCELED', () => {
    for (const l of lines) {
      const sup = l.supervision;
      if (!sup) continue;
      expect(l.version).toBe(sup.events.length);
      expect(l.updateTime).toBe(sup.events.at(-1)?.at);
      for (let i = 1; i < sup.events.length; i++) expect(sup.events[i].at >= sup.events[i - 1].at).toBe(true);
      expect(Date.parse(l.updateTime)).toBeLessThanOrEqual(NOW);
      if (sup.stage === 'completed') {
        expect(sup.acceptedAt).not.toBeNull();
        if (l.chargingMode === 'PERIOD') expect(l.validity).not.toBeNull();
        const done = Date.parse(sup.acceptedAt ?? '') + 3 * 3_600_000 <= NOW;
        expect(l.status).toBe(done ? 'COMPLETED' : 'PROCESSING');
      } else if (sup.stage === 'closed') expect(l.status).toBe('CANCELED');
      else expect(l.status).toBe('PROCESSING');
      if (sup.delivery) {
        expect(sup.delivery.attachments.some((a) => a.category === 'acceptance' || a.category === 'sow')).toBe(true); // P3
        if (sup.delivery.enablingTime) {
          expect(Date.parse(sup.delivery.enablingTime)).toBeGreaterThanOrEqual(Date.parse(l.createTime)); // V4
          expect(Date.parse(sup.delivery.enablingTime)).toBeLessThanOrEqual(Date.parse(sup.delivery.submittedAt));
        }
      }
    }
  });

  it('delivery content matches the template it was filled against (P1 value shapes)', () => {
    const store = SimStore.open(':memory:');
    seedProducts(store);
    for (const l of lines) {
      const d = l.supervision?.delivery;
      if (!d) continue;
      const t = getTemplate(store, l.productId)?.template;
      expect(d.templateVersion).toBe(t?.templateVersion);
      for (const item of t?.items ?? []) {
        const v = d.content[item.key];
        if (item.kind === 'attachment') {
          expect(v).toBeUndefined();
          if (item.required) expect(d.attachments.some((a) => a.category === item.attachmentCategory)).toBe(true);
          continue;
        }
        if (v === undefined) {
          expect(item.required).toBe(false);
          continue;
        }
        if (item.kind === 'text' || item.kind === 'longtext') expect(typeof v).toBe('string');
        if (item.kind === 'date') expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (item.kind === 'number') expect(typeof v).toBe('number');
        if (item.kind === 'checklist') for (const o of v as string[]) expect(item.options).toContain(o);
      }
    }
    store.close();
  });

  it('is deterministic: same seed and base → the same lines; another seed → different lines', () => {
    expect(JSON.stringify(gen(300))).toBe(JSON.stringify(lines));
    const other = gen(300, 2);
    expect(other.map((l) => l.orderLineId)).not.toEqual(lines.map((l) => l.orderLineId));
  });

  it('a clock just after the S1 cutover still gives valid lines, none changed after the clock', () => {
    const base = Date.UTC(2025, 3, 1, 4, 0, 0);
    for (const l of gen(300, 3, base)) {
      expect(orderLine.safeParse(l).success).toBe(true);
      expect(Date.parse(l.updateTime)).toBeLessThanOrEqual(base);
      const ev = l.supervision?.events ?? [];
      for (let i = 1; i < ev.length; i++) expect(ev[i].at >= ev[i - 1].at).toBe(true);
    }
  });

  it('small seeds still cover every stage (the first lines walk a coverage list)', () => {
    const few = gen(21);
    expect(new Set(few.map((l) => l.supervision?.stage).filter(Boolean)).size).toBe(STAGES.length);
    expect(few.some((l) => l.orderType === 'RENEW')).toBe(true);
    expect(few.some((l) => l.chargingMode === 'ON_DEMAND')).toBe(true);
  });

  it('two simulators with the same seed and clock serve identical data', async () => {
    const state = async () => {
      const sim = await startSimulator({ now: NOW, orders: 150, seed: 42, quiet: true });
      try {
        return (await control(sim, 'GET', '/sim/v1/state')).json?.orderLines;
      } finally {
        await sim.close();
      }
    };
    const [a, b] = [await state(), await state()];
    expect((a as unknown[]).length).toBe(150);
    expect(a).toEqual(b);
  });
});
