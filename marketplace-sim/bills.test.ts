import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bill, type WireBill, type WireOrderLine } from '../common/marketplace/wire';
import { settlementMinor } from './bills';
import { startSimulator, type Simulator } from './index';
import { control, signedFetch } from './test-client';

const SEPT = Date.UTC(2025, 8, 10, 4, 0, 0);

describe('bills (POST /sim/v1/bills/run, docs/rules.md B1–B5)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ now: SEPT, orders: 0, quiet: true });
  });
  afterAll(() => sim.close());

  it('B2a: settlement = (sales − withholding) × (1 − fee) − taxes, rounded half-up once', () => {
    expect(settlementMinor(100_000, 0, 20, 0)).toBe(80_000); // the page's 1000.00 → 800.00
    expect(settlementMinor(5, 0, 10, 0)).toBe(5); // 4.5 fen → 5
    expect(settlementMinor(-5, 0, 10, 0)).toBe(-5);
    expect(settlementMinor(10_000, 1_000, 20, 300)).toBe(6_900);
  });

  it('B1/B4: a month bills supervised lines completed in it, renewals enabled in it and pay-per-use; B5: reruns add revisions only on change', async () => {
    const created = await control(sim, 'POST', '/sim/v1/order-lines', {
      lines: [
        { amount: '1000.00', productName: 'Consulting', supervision: { stage: 'awaiting_acceptance' } },
        { amount: '50.00', supervision: { stage: 'awaiting_acceptance' } }, // not accepted: not billed (B4)
        { orderType: 'RENEW', amount: '300.00', status: 'COMPLETED', validity: { start: '2025-09-20T00:00:00.000Z', end: '2025-10-20T00:00:00.000Z' } },
        { chargingMode: 'ON_DEMAND', periodType: null, periodNumber: null, amount: '12.34', status: 'PROCESSING' },
        { amount: '99.00', currency: 'USD', supervision: { stage: 'awaiting_acceptance' } },
      ],
    });
    const [done, , renewal, ppu, usd] = created.json?.orderLines as WireOrderLine[];
    await control(sim, 'POST', `/sim/v1/order-lines/${done.orderLineId}/customer/accept`, {});
    await control(sim, 'POST', `/sim/v1/order-lines/${usd.orderLineId}/customer/accept`, {});
    await control(sim, 'POST', '/sim/v1/clock', { advanceMs: 4 * 3_600_000 }); // O2a: COMPLETED 3 h after acceptance

    const run = await control(sim, 'POST', '/sim/v1/bills/run', { billingPeriod: '202509' });
    const bills = (run.json?.bills as WireBill[]).map((b) => bill.parse(b));
    expect(bills.map((b) => [b.billId, b.currency, b.revision])).toEqual([
      ['B202509-0001', 'CNY', 1],
      ['B202509-0002', 'USD', 1],
    ]);
    const cny = bills[0];
    expect(cny.lines.map((l) => [l.orderLineId, l.kind])).toEqual(
      expect.arrayContaining([
        [done.orderLineId, 'purchase'],
        [renewal.orderLineId, 'renewal'],
        [ppu.orderLineId, 'payPerUse'],
      ]),
    );
    expect(cny.lines).toHaveLength(3);
    expect(cny.lines.find((l) => l.orderLineId === done.orderLineId)).toMatchObject({ salesAmount: '1000.00', platformFeeRatio: '0.20', settlementAmount: '800.00' });
    expect(cny.totals).toMatchObject({ settlementAmount: '1049.87', refundDeductions: '0.00', netPayable: '1049.87' }); // 800 + 240 + 9.87

    expect((await control(sim, 'POST', '/sim/v1/bills/run', { billingPeriod: '202509' })).json?.bills).toEqual([]);
    const feed = await signedFetch(sim, '/api/seller-sync/v1/bills', { dateMs: sim.clock.now() });
    expect((feed.json?.items as WireBill[]).map((b) => `${b.billId}#${b.revision}`)).toEqual(['B202509-0001#1', 'B202509-0002#1']);

    // B3/B5: a refund after the month was billed: a new revision of the CNY bill only; the refund comes off this
    // settlement first, then the deposit (5000.00 CNY in the simulator).
    await control(sim, 'POST', '/sim/v1/order-lines', { lines: [{ orderType: 'UNSUBSCRIBE', amount: '2000.00', createTime: '2025-09-25T00:00:00.000Z', status: 'COMPLETED' }] });
    const rerun = ((await control(sim, 'POST', '/sim/v1/bills/run', { billingPeriod: '202509' })).json?.bills as WireBill[]).map((b) => bill.parse(b));
    expect(rerun.map((b) => `${b.billId}#${b.revision}`)).toEqual(['B202509-0001#2']);
    expect(rerun[0].lines.find((l) => l.kind === 'refund')).toMatchObject({ salesAmount: '-2000.00', settlementAmount: '-1600.00' });
    expect(rerun[0].totals).toEqual({ settlementAmount: '1049.87', refundDeductions: '1049.87', depositDeductions: '550.13', owedBySeller: '0.00', netPayable: '0.00' });
  });
});
