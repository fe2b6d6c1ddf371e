import { afterEach, describe, expect, it } from 'vitest';
import { parseMoney } from '../common/domain/money';
import { billDueAt, billingPeriodOf, expectedSettlementMinor, explainBill } from '../common/domain/settlement';
import { bill as billSchema, type WireBill, type WireOrderLine } from '../common/marketplace/wire';
import { PRODUCTS } from './catalog';
import { startSimulator, type Simulator } from './index';
import { billedPeriods } from './seed-bills';
import { control, pullAll, signedFetch } from './test-client';

const SEPT = Date.parse('2025-09-10T04:00:00.000Z');
const ONE_TIME = PRODUCTS.find((p) => p.chargingMode === 'ONE_TIME');

interface BillState {
  billId: string;
  revision: number;
  billingPeriod: string;
  currency: string;
  status: string;
  depositBefore: string | null;
  depositAfter: string | null;
  wrongLines: Array<{ orderLineId: string; deltaMinor: number }>;
}

let sims: Simulator[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

async function fresh(now = SEPT): Promise<Simulator> {
  const sim = await startSimulator({ now, orders: 0, quiet: true });
  sims.push(sim);
  return sim;
}

async function addLines(sim: Simulator, lines: Array<Record<string, unknown>>): Promise<WireOrderLine[]> {
  const r = await control(sim, 'POST', '/sim/v1/order-lines', { lines });
  expect(r.status, r.text).toBe(200);
  return r.json?.orderLines as WireOrderLine[];
}

async function setClock(sim: Simulator, iso: string): Promise<void> {
  expect((await control(sim, 'POST', '/sim/v1/clock', { now: iso })).status).toBe(200);
}

async function run(sim: Simulator, body: Record<string, unknown>): Promise<WireBill[]> {
  const r = await control(sim, 'POST', '/sim/v1/bills/run', body);
  expect(r.status, r.text).toBe(200);
  return (r.json?.bills as unknown[]).map((b) => billSchema.parse(b));
}

async function feed(sim: Simulator): Promise<WireBill[]> {
  const r = await signedFetch(sim, '/api/seller-sync/v1/bills', { query: [['limit', '500']] });
  expect(r.json?.hasMore).toBe(false);
  return (r.json?.items as unknown[]).map((b) => billSchema.parse(b));
}

async function billStates(sim: Simulator): Promise<BillState[]> {
  return (await control(sim, 'GET', '/sim/v1/state?lines=0')).json?.bills as BillState[];
}

async function deposit(sim: Simulator): Promise<string> {
  const r = await signedFetch(sim, '/api/seller-sync/v1/account');
  return (r.json?.deposit as { amount: string }).amount;
}

/**
 * B2a on every line that was not made wrong on purpose (and those miss by exactly their delta); B3 totals recomputed by
 * common/domain/settlement.ts explainBill against the deposit the seller had before that bill.
 */
async function expectRulesHold(sim: Simulator): Promise<{ bills: WireBill[]; states: BillState[]; wrong: number }> {
  const bills = await feed(sim);
  const states = await billStates(sim);
  let wrong = 0;
  expect(bills.map((b) => `${b.billId}#${b.revision}`)).toEqual(states.map((s) => `${s.billId}#${s.revision}`));
  bills.forEach((b, i) => {
    const st = states[i];
    for (const l of b.lines) {
      const delta = st.wrongLines.find((w) => w.orderLineId === l.orderLineId)?.deltaMinor ?? 0;
      if (delta !== 0) wrong++;
      expect(parseMoney(l.settlementAmount), `${b.billId}#${b.revision} ${l.orderLineId}`).toBe(
        expectedSettlementMinor(l) + delta,
      );
      expect(Math.sign(parseMoney(l.salesAmount))).toBe(l.kind === 'refund' ? -1 : 1);
    }
    const e = explainBill(b, parseMoney(st.depositBefore ?? '0.00'));
    for (const t of e.totals)
      expect(t.actualMinor, `${b.billId}#${b.revision} ${t.field}: ${t.formula}`).toBe(t.expectedMinor);
    expect(parseMoney(st.depositBefore ?? '0.00') - parseMoney(b.totals.depositDeductions)).toBe(
      parseMoney(st.depositAfter ?? '0.00'),
    );
  });
  return { bills, states, wrong };
}

describe('bills (POST /sim/v1/bills/run, docs/rules.md B1–B5)', () => {
  it('B2a: every line is (sales − withholding) × (1 − fee) − taxes, rounded once (common/domain/settlement.ts); USD lines carry 10% customer withholding', async () => {
    const sim = await fresh();
    const [cny, usd, lic] = await addLines(sim, [
      { amount: '1000.00', supervision: null, status: 'COMPLETED', createTime: '2025-09-02T00:00:00.000Z' },
      {
        amount: '99.99',
        currency: 'USD',
        supervision: null,
        status: 'COMPLETED',
        createTime: '2025-09-02T00:00:00.000Z',
      },
      {
        amount: '333.33',
        productName: 'Enterprise License',
        supervision: null,
        status: 'COMPLETED',
        createTime: '2025-09-03T00:00:00.000Z',
      },
    ]);
    const [b1, b2] = await run(sim, { billingPeriod: '202509' });
    expect(b1.lines.find((l) => l.orderLineId === cny.orderLineId)).toMatchObject({
      salesAmount: '1000.00',
      customerWithholdingTax: '0.00',
      platformFeeRatio: '0.20',
      settlementAmount: '800.00',
    });
    expect(b1.lines.find((l) => l.orderLineId === lic.orderLineId)).toMatchObject({
      platformFeeRatio: '0.10',
      settlementAmount: '300.00',
    }); // 299.997 → 300.00
    // (99.99 − 10.00) × 0.8 = 71.992 → 71.99
    expect(b2.lines.find((l) => l.orderLineId === usd.orderLineId)).toMatchObject({
      customerWithholdingTax: '10.00',
      settlementAmount: '71.99',
    });
    expect((await expectRulesHold(sim)).wrong).toBe(0);
  });

  it('B1/B4: a month bills supervised lines completed in it, renewals enabled in it and pay-per-use; B5: an unchanged rerun adds nothing', async () => {
    const sim = await fresh();
    const [done, open, renewal, ppu, usd] = await addLines(sim, [
      { amount: '1000.00', productName: 'Consulting', supervision: { stage: 'awaiting_acceptance' } },
      { amount: '50.00', supervision: { stage: 'awaiting_acceptance' } }, // not accepted: not billed (B4)
      {
        orderType: 'RENEW',
        amount: '300.00',
        status: 'COMPLETED',
        validity: { start: '2025-09-20T00:00:00.000Z', end: '2025-10-20T00:00:00.000Z' },
      },
      { chargingMode: 'ON_DEMAND', periodType: null, periodNumber: null, amount: '12.34', status: 'PROCESSING' },
      { amount: '99.00', currency: 'USD', supervision: { stage: 'awaiting_acceptance' } },
    ]);
    await control(sim, 'POST', `/sim/v1/order-lines/${done.orderLineId}/customer/accept`, {});
    await control(sim, 'POST', `/sim/v1/order-lines/${usd.orderLineId}/customer/accept`, {});
    await setClock(sim, '2025-10-07T00:00:00.000+08:00'); // B2: produced on the 7th of the next month

    const bills = await run(sim, { billingPeriod: '202509' });
    expect(bills.map((b) => [b.billId, b.currency, b.revision, b.status, b.generatedAt])).toEqual([
      ['B202509-0001', 'CNY', 1, 'PENDING_APPROVAL', '2025-10-06T16:00:00.000Z'],
      ['B202509-0002', 'USD', 1, 'PENDING_APPROVAL', '2025-10-06T16:00:00.000Z'],
    ]);
    expect(bills[0].lines.map((l) => [l.orderLineId, l.kind]).sort()).toEqual(
      [
        [done.orderLineId, 'purchase'],
        [renewal.orderLineId, 'renewal'],
        [ppu.orderLineId, 'payPerUse'],
      ].sort(),
    );
    expect(bills[0].lines.some((l) => l.orderLineId === open.orderLineId)).toBe(false);
    expect(bills[0].totals).toEqual({
      settlementAmount: '1049.87',
      refundDeductions: '0.00',
      depositDeductions: '0.00',
      owedBySeller: '0.00',
      netPayable: '1049.87',
    }); // 800 + 240 + 9.87

    expect(await run(sim, { billingPeriod: '202509' })).toEqual([]);
    expect((await feed(sim)).map((b) => `${b.billId}#${b.revision}`)).toEqual(['B202509-0001#1', 'B202509-0002#1']);
    await expectRulesHold(sim);
  });

  it('B1: a supervised new order is attributed to the month its supervision completes, not the month it was placed (ONE_TIME too: in effect at acceptance, B4)', async () => {
    const sim = await fresh(Date.parse('2025-08-20T04:00:00.000Z'));
    const [periodic, oneTime] = await addLines(sim, [
      { amount: '600.00', supervision: { stage: 'awaiting_acceptance' } },
      { productId: ONE_TIME?.productId, amount: '400.00', supervision: { stage: 'awaiting_acceptance' } },
    ]);
    expect(oneTime.chargingMode).toBe('ONE_TIME');
    await setClock(sim, '2025-09-01T10:00:00.000+08:00');
    const accepted = await control(sim, 'POST', `/sim/v1/order-lines/${periodic.orderLineId}/customer/accept`, {});
    await control(sim, 'POST', `/sim/v1/order-lines/${oneTime.orderLineId}/customer/accept`, {});
    await setClock(sim, '2025-10-07T00:00:00.000+08:00');
    expect(await run(sim, { billingPeriod: '202508' })).toEqual([]); // placed in August, nothing to bill there
    const [sept] = await run(sim, { billingPeriod: '202509' });
    const acceptedAt = (accepted.json?.orderLine as WireOrderLine).supervision?.acceptedAt;
    expect(sept.lines.map((l) => [l.orderLineId, l.kind, l.attributedAt]).sort()).toEqual(
      [
        [periodic.orderLineId, 'purchase', acceptedAt],
        [oneTime.orderLineId, 'purchase', acceptedAt],
      ].sort(),
    );
    await expectRulesHold(sim);
  });

  it('B1: a renewal is attributed when the renewed period takes effect (B4: not before it is in effect)', async () => {
    const sim = await fresh();
    const [renewal] = await addLines(sim, [
      {
        orderType: 'RENEW',
        amount: '300.00',
        status: 'COMPLETED',
        createTime: '2025-09-05T00:00:00.000Z',
        validity: { start: '2025-10-02T00:00:00.000Z', end: '2025-11-02T00:00:00.000Z' },
      },
    ]);
    await setClock(sim, '2025-10-01T00:00:00.000Z');
    expect(await run(sim, { billingPeriod: '202510' })).toEqual([]); // not in effect yet
    await setClock(sim, '2025-11-07T00:00:00.000+08:00');
    expect(await run(sim, { billingPeriod: '202509' })).toEqual([]); // bought in September, renewed period starts in October
    const [oct] = await run(sim, { billingPeriod: '202510' });
    expect(oct.lines).toHaveLength(1);
    expect(oct.lines[0]).toMatchObject({
      orderLineId: renewal.orderLineId,
      kind: 'renewal',
      attributedAt: '2025-10-02T00:00:00.000Z',
      settlementAmount: '240.00',
    });
    await expectRulesHold(sim);
  });

  it("B1: pay-per-use is billed by consumption time — each month carries that month's consumption (POST …/usage)", async () => {
    const sim = await fresh(Date.parse('2025-09-01T04:00:00.000Z'));
    const [ppu, periodLine] = await addLines(sim, [
      { chargingMode: 'ON_DEMAND', periodType: null, periodNumber: null, amount: '10.00', status: 'PROCESSING' },
      { amount: '100.00', supervision: null, status: 'COMPLETED' },
    ]);
    const u1 = await control(sim, 'POST', `/sim/v1/order-lines/${ppu.orderLineId}/usage`, {
      amount: '5.00',
      at: '2025-09-20T08:00:00.000Z',
    });
    expect(u1.status, u1.text).toBe(200);
    expect((u1.json?.orderLine as WireOrderLine).amount).toBe('15.00'); // the line's amount is what has been consumed
    const u2 = await control(sim, 'POST', `/sim/v1/order-lines/${ppu.orderLineId}/usage`, {
      amount: '7.00',
      at: '2025-10-03T08:00:00.000Z',
    });
    expect(u2.json?.usage).toEqual([
      { at: '2025-09-01T04:00:00.000Z', amount: '10.00' }, // the consumption the line was created with
      { at: '2025-09-20T08:00:00.000Z', amount: '5.00' },
      { at: '2025-10-03T08:00:00.000Z', amount: '7.00' },
    ]);
    expect(
      (await control(sim, 'POST', `/sim/v1/order-lines/${periodLine.orderLineId}/usage`, { amount: '1.00' })).status,
    ).toBe(409);
    await setClock(sim, '2025-11-07T00:00:00.000+08:00');
    const [sept] = await run(sim, { billingPeriod: '202509' });
    expect(sept.lines.find((l) => l.kind === 'payPerUse')).toMatchObject({
      orderLineId: ppu.orderLineId,
      salesAmount: '15.00',
      attributedAt: '2025-09-20T08:00:00.000Z',
      settlementAmount: '12.00',
    });
    const [oct] = await run(sim, { billingPeriod: '202510' });
    expect(oct.lines).toEqual([
      expect.objectContaining({
        orderLineId: ppu.orderLineId,
        kind: 'payPerUse',
        salesAmount: '7.00',
        attributedAt: '2025-10-03T08:00:00.000Z',
      }),
    ]);
    await expectRulesHold(sim);
  });

  it('B4: only certified business information, payment completed, supervision not involved or completed, in effect', async () => {
    const sim = await fresh();
    // Billable, unpaid, closed by refund during supervision, supervision open, not in effect until 15 October.
    const [good] = await addLines(sim, [
      { amount: '100.00', supervision: null, status: 'COMPLETED', createTime: '2025-09-02T00:00:00.000Z' },
      { amount: '100.00', supervision: null, status: 'PENDING_PAYMENT', createTime: '2025-09-02T00:00:00.000Z' },
      {
        amount: '100.00',
        supervision: { stage: 'closed' },
        status: 'CANCELED',
        createTime: '2025-09-02T00:00:00.000Z',
      },
      { amount: '100.00', supervision: { stage: 'awaiting_delivery' }, createTime: '2025-09-02T00:00:00.000Z' },
      {
        amount: '100.00',
        supervision: null,
        status: 'COMPLETED',
        createTime: '2025-09-02T00:00:00.000Z',
        validity: { start: '2025-10-15T00:00:00.000Z', end: '2025-11-15T00:00:00.000Z' },
      },
    ]);
    await setClock(sim, '2025-10-07T00:00:00.000+08:00');
    expect(
      (await control(sim, 'POST', '/sim/v1/account', { businessInfoCertified: false })).json?.account,
    ).toMatchObject({ businessInfoCertified: false });
    expect((await signedFetch(sim, '/api/seller-sync/v1/account')).json?.businessInfoCertified).toBe(false);
    const withheld = await control(sim, 'POST', '/sim/v1/bills/run', { billingPeriod: '202509' });
    expect(withheld.json).toMatchObject({ bills: [], withheld: expect.stringContaining('B4') });
    await control(sim, 'POST', '/sim/v1/account', { businessInfoCertified: true });
    const [b] = await run(sim, { billingPeriod: '202509' });
    expect(b.lines.map((l) => l.orderLineId)).toEqual([good.orderLineId]);
  });

  it("B3: a refund comes off the month's settlement first, then the deposit — and GET /account shows the deposit gone down by it", async () => {
    const sim = await fresh();
    await control(sim, 'POST', '/sim/v1/account', { deposit: '1000.00' });
    const [, refund] = await addLines(sim, [
      { amount: '500.00', supervision: null, status: 'COMPLETED', createTime: '2025-09-02T00:00:00.000Z' },
      { orderType: 'UNSUBSCRIBE', amount: '1000.00', status: 'COMPLETED', createTime: '2025-09-15T00:00:00.000Z' },
    ]);
    expect(refund.supervision).toBeNull(); // an unsubscription is not supervised
    await setClock(sim, '2025-10-07T00:00:00.000+08:00');
    const [b] = await run(sim, { billingPeriod: '202509' });
    expect(b.lines.find((l) => l.kind === 'refund')).toMatchObject({
      orderLineId: refund.orderLineId,
      salesAmount: '-1000.00',
      settlementAmount: '-800.00',
      attributedAt: '2025-09-15T00:00:00.000Z',
    });
    expect(b.totals).toEqual({
      settlementAmount: '400.00',
      refundDeductions: '400.00',
      depositDeductions: '400.00',
      owedBySeller: '0.00',
      netPayable: '0.00',
    });
    expect(await deposit(sim)).toBe('600.00');
    await expectRulesHold(sim);
  });

  it('B3: a refund larger than settlement + deposit leaves the rest owed by the seller; a USD refund has no deposit to draw on', async () => {
    const sim = await fresh();
    await control(sim, 'POST', '/sim/v1/account', { deposit: '100.00' });
    await addLines(sim, [
      { amount: '500.00', supervision: null, status: 'COMPLETED', createTime: '2025-09-02T00:00:00.000Z' },
      { orderType: 'UNSUBSCRIBE', amount: '1000.00', status: 'COMPLETED', createTime: '2025-09-15T00:00:00.000Z' },
      {
        orderType: 'UNSUBSCRIBE',
        amount: '50.00',
        currency: 'USD',
        status: 'COMPLETED',
        createTime: '2025-09-16T00:00:00.000Z',
      },
    ]);
    await setClock(sim, '2025-10-07T00:00:00.000+08:00');
    const [cny, usd] = await run(sim, { billingPeriod: '202509' });
    expect(cny.totals).toEqual({
      settlementAmount: '400.00',
      refundDeductions: '400.00',
      depositDeductions: '100.00',
      owedBySeller: '300.00',
      netPayable: '0.00',
    });
    // (−50.00 − (−5.00)) × 0.8 = −36.00, all of it owed
    expect(usd.totals).toEqual({
      settlementAmount: '0.00',
      refundDeductions: '0.00',
      depositDeductions: '0.00',
      owedBySeller: '36.00',
      netPayable: '0.00',
    });
    expect(await deposit(sim)).toBe('0.00');
    await expectRulesHold(sim);
  });

  it('B3: a refund made in a month whose bill is already closed (APPROVED/PAID) is deducted in the following month', async () => {
    const sim = await fresh();
    await addLines(sim, [
      { amount: '500.00', supervision: null, status: 'COMPLETED', createTime: '2025-09-02T00:00:00.000Z' },
    ]);
    await setClock(sim, '2025-10-07T00:00:00.000+08:00');
    await run(sim, { billingPeriod: '202509', status: 'APPROVED' });
    await setClock(sim, '2025-10-08T00:00:00.000Z');
    const [refund] = await addLines(sim, [
      { orderType: 'UNSUBSCRIBE', amount: '100.00', status: 'COMPLETED', createTime: '2025-09-28T00:00:00.000Z' },
    ]);
    expect(await run(sim, { billingPeriod: '202509' })).toEqual([]); // September is closed: not reopened for it
    await addLines(sim, [
      { amount: '200.00', supervision: null, status: 'COMPLETED', createTime: '2025-10-10T00:00:00.000Z' },
    ]);
    await setClock(sim, '2025-11-07T00:00:00.000+08:00');
    const [oct] = await run(sim, { billingPeriod: '202510' });
    expect(oct.lines.find((l) => l.kind === 'refund')).toMatchObject({
      orderLineId: refund.orderLineId,
      attributedAt: '2025-09-28T00:00:00.000Z',
      settlementAmount: '-80.00',
    });
    expect(oct.totals).toMatchObject({ settlementAmount: '160.00', refundDeductions: '80.00', netPayable: '80.00' });
    // Reissuing September does not take it back: once on a bill, a refund stays there.
    const [septAgain] = await run(sim, { billingPeriod: '202509', correct: true });
    expect(septAgain.revision).toBe(2);
    expect(septAgain.lines.some((l) => l.kind === 'refund')).toBe(false);
    await expectRulesHold(sim);
  });

  it('B5: running a month again after facts changed adds revision 2 with the changed lines; the deposit is re-taken, not taken twice', async () => {
    const sim = await fresh();
    await control(sim, 'POST', '/sim/v1/account', { deposit: '1000.00' });
    const [, ppu] = await addLines(sim, [
      { amount: '500.00', supervision: null, status: 'COMPLETED', createTime: '2025-09-02T00:00:00.000Z' },
      {
        chargingMode: 'ON_DEMAND',
        periodType: null,
        periodNumber: null,
        amount: '10.00',
        status: 'PROCESSING',
        createTime: '2025-09-03T00:00:00.000Z',
      },
      { orderType: 'UNSUBSCRIBE', amount: '1000.00', status: 'COMPLETED', createTime: '2025-09-15T00:00:00.000Z' },
    ]);
    await setClock(sim, '2025-10-07T00:00:00.000+08:00');
    const [r1] = await run(sim, { billingPeriod: '202509' });
    expect(r1.totals).toMatchObject({ settlementAmount: '408.00', depositDeductions: '392.00' });
    expect(await deposit(sim)).toBe('608.00');
    // A consumption recorded late: September's bill is corrected.
    await control(sim, 'POST', `/sim/v1/order-lines/${ppu.orderLineId}/usage`, {
      amount: '90.00',
      at: '2025-09-25T00:00:00.000Z',
    });
    const [r2] = await run(sim, { billingPeriod: '202509' });
    expect([r2.billId, r2.revision]).toEqual([r1.billId, 2]);
    const changed = r2.lines.filter((l) => !r1.lines.some((o) => JSON.stringify(o) === JSON.stringify(l)));
    expect(changed).toEqual([
      expect.objectContaining({ orderLineId: ppu.orderLineId, salesAmount: '100.00', settlementAmount: '80.00' }),
    ]);
    expect(r2.totals).toMatchObject({
      settlementAmount: '480.00',
      refundDeductions: '480.00',
      depositDeductions: '320.00',
      owedBySeller: '0.00',
    });
    expect(await deposit(sim)).toBe('680.00'); // 1000 − 320, not 1000 − 392 − 320
    expect((await feed(sim)).map((b) => `${b.billId}#${b.revision}`)).toEqual(['B202509-0001#1', 'B202509-0001#2']);
    await expectRulesHold(sim);
  });

  it("B2a: wrongLine makes one line's settlement miss B2a by deltaMinor (totals still follow B3 from the lines as stated); plain reruns keep it, correct: true reissues without it (B5)", async () => {
    const sim = await fresh();
    const [a, b] = await addLines(sim, [
      { amount: '500.00', supervision: null, status: 'COMPLETED', createTime: '2025-09-02T00:00:00.000Z' },
      { amount: '250.00', supervision: null, status: 'COMPLETED', createTime: '2025-09-03T00:00:00.000Z' },
    ]);
    await setClock(sim, '2025-10-07T00:00:00.000+08:00');
    const bad = await control(sim, 'POST', '/sim/v1/bills/run', {
      billingPeriod: '202509',
      wrongLine: { orderLineId: 'NO-SUCH-LINE', deltaMinor: 1 },
    });
    expect([bad.status, bad.json?.resultCode]).toEqual([400, 'MKT.0100']);
    expect(
      (await control(sim, 'POST', '/sim/v1/bills/run', { billingPeriod: '202509', wrongLine: { deltaMinor: 0 } }))
        .status,
    ).toBe(400);

    const [r1] = await run(sim, { billingPeriod: '202509', wrongLine: { orderLineId: b.orderLineId, deltaMinor: 7 } });
    const checked = explainBill(r1, 500_000);
    expect(checked.lines.filter((l) => !l.matches)).toEqual([
      expect.objectContaining({ orderLineId: b.orderLineId, actualMinor: 20_007, expectedMinor: 20_000 }),
    ]);
    expect(checked.totals.every((t) => t.matches)).toBe(true);
    expect(r1.totals.settlementAmount).toBe('600.07');
    expect((await billStates(sim))[0].wrongLines).toEqual([{ orderLineId: b.orderLineId, deltaMinor: 7 }]);

    // Without orderLineId: the first non-refund line; on a month already billed it is a new revision.
    const [r2] = await run(sim, { billingPeriod: '202509', wrongLine: { deltaMinor: -3 } });
    expect(r2.revision).toBe(2);
    expect(
      explainBill(r2, 500_000)
        .lines.filter((l) => !l.matches)
        .map((l) => [l.orderLineId, l.actualMinor - l.expectedMinor]),
    ).toEqual([
      [a.orderLineId, -3],
      [b.orderLineId, 7],
    ]);
    expect(await run(sim, { billingPeriod: '202509' })).toEqual([]); // nothing changed: the mistakes stay as they are
    const [r3] = await run(sim, { billingPeriod: '202509', correct: true });
    expect(r3.revision).toBe(3);
    expect(explainBill(r3, 500_000).allMatch).toBe(true);
    const [r4] = await run(sim, { billingPeriod: '202509', correct: true }); // a deliberate reissue, even unchanged
    expect([r4.revision, r4.lines, r4.totals]).toEqual([4, r3.lines, r3.totals]);
    expect((await expectRulesHold(sim)).wrong).toBe(3); // r1: b; r2: a and b
  });
});

describe('demo bills (the start-up seed, B1–B5)', () => {
  const NOW = Date.parse('2025-10-15T04:00:00.000Z');

  it('12 months of bills before now are in the feed from the start: renewals, pay-per-use, refunds into the deposit and owed, a bill with 2 revisions, one wrong line', async () => {
    const sim = await startSimulator({ now: NOW, seed: 1, orders: 300, quiet: true });
    sims.push(sim);
    const { bills, states, wrong } = await expectRulesHold(sim);
    const periods = billedPeriods(NOW, 12);
    expect(periods).toEqual([
      '202410',
      '202411',
      '202412',
      '202501',
      '202502',
      '202503',
      '202504',
      '202505',
      '202506',
      '202507',
      '202508',
      '202509',
    ]);
    expect([...new Set(bills.map((b) => b.billingPeriod))].sort()).toEqual(periods);
    for (const b of bills) expect(Date.parse(b.generatedAt)).toBeGreaterThanOrEqual(billDueAt(b.billingPeriod)); // B2

    const all = await pullAll(sim);
    expect(all.items).toHaveLength(300); // the refunds are part of the 300 lines
    const byId = new Map((all.items as unknown as WireOrderLine[]).map((l) => [l.orderLineId, l]));
    const latest = new Map<string, WireBill>();
    for (const b of bills) latest.set(b.billId, b);
    const lines = [...latest.values()].flatMap((b) => b.lines.map((l) => ({ ...l, period: b.billingPeriod })));
    for (const kind of ['purchase', 'renewal', 'payPerUse', 'refund'] as const)
      expect(lines.filter((l) => l.kind === kind).length, kind).toBeGreaterThan(0);
    for (const l of lines) {
      const o = byId.get(l.orderLineId);
      expect(o, l.orderLineId).toBeDefined();
      if (l.kind === 'purchase' && o?.supervision) expect(l.attributedAt).toBe(o.supervision.acceptedAt); // B1
      if (l.kind === 'renewal') expect(l.attributedAt).toBe(o?.validity?.start); // B1
      if (l.kind === 'refund') expect([o?.orderType, o?.createTime]).toEqual(['UNSUBSCRIBE', l.attributedAt]); // B3
      if (l.kind === 'payPerUse') expect(o?.chargingMode).toBe('ON_DEMAND');
      expect(billingPeriodOf(Date.parse(l.attributedAt))).toBe(l.period);
    }
    // B3: one month's refunds reach into the deposit, another's leave an amount owed; the account shows what is left.
    expect([...latest.values()].some((b) => parseMoney(b.totals.depositDeductions) > 0)).toBe(true);
    expect([...latest.values()].some((b) => parseMoney(b.totals.owedBySeller) > 0)).toBe(true);
    const taken = [...latest.values()].reduce(
      (s, b) => s + (b.currency === 'CNY' ? parseMoney(b.totals.depositDeductions) : 0),
      0,
    );
    expect(parseMoney(await deposit(sim))).toBe(500_000 - taken);
    // B5: one bill has a second revision that changes a line; the rest have one.
    const revised = bills.filter((b) => b.revision === 2);
    expect(revised).toHaveLength(1);
    const first = bills.find((b) => b.billId === revised[0].billId && b.revision === 1);
    expect(JSON.stringify(first?.lines)).not.toBe(JSON.stringify(revised[0].lines));
    expect(bills.every((b) => b.revision <= 2)).toBe(true);
    // B2a: exactly one deliberately wrong line, on the newest bill still pending approval.
    expect(wrong).toBe(1);
    const wrongState = states.find((s) => s.wrongLines.length > 0);
    expect(wrongState).toMatchObject({ billingPeriod: '202509', status: 'PENDING_APPROVAL' });
    expect(states.filter((s) => s.billingPeriod < '202508').every((s) => s.status === 'PAID' || s.revision === 1)).toBe(
      true,
    );
  });

  it('is deterministic per seed: the same seed and clock give the same bills, another seed other ones', async () => {
    const bills = async (seed: number) => {
      const sim = await startSimulator({ now: NOW, seed, orders: 120, quiet: true });
      sims.push(sim);
      return { bills: await feed(sim), deposit: await deposit(sim) };
    };
    const a = await bills(3);
    expect(a.bills.length).toBeGreaterThanOrEqual(12);
    expect(await bills(3)).toEqual(a);
    expect((await bills(4)).bills).not.toEqual(a.bills);
  });

  it('seeding twelve months of bills adds little to a demo start; `bills: 0` seeds none', async () => {
    const t0 = performance.now();
    const none = await startSimulator({ now: NOW, seed: 1, orders: 300, bills: 0, quiet: true });
    sims.push(none);
    const t1 = performance.now();
    const some = await startSimulator({ now: NOW, seed: 1, orders: 300, quiet: true });
    sims.push(some);
    const t2 = performance.now();
    expect(await feed(none)).toEqual([]);
    expect((await pullAll(none)).items).toHaveLength(300);
    expect((await feed(some)).length).toBeGreaterThanOrEqual(12);
    expect(t2 - t1 - (t1 - t0)).toBeLessThan(1_000);
  });
});
