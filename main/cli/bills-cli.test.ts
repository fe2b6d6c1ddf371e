// `seller-desk bills list|show|why` and `sync` pulling bills, in-process through runCli against the simulator over
// real HTTP (its start-up seed produces twelve months of bills, one corrected by a second revision — B5): the
// --json shapes of the README, exit codes 0/1/2.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../marketplace-sim/index';
import { bill as billSchema } from '../../common/marketplace/wire';
import { lines, run } from './testing/support';

const MONEY = /^-?\d+\.\d{2}$/;

describe('seller-desk bills', () => {
  let dataDir: string;
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  const dd = (): string[] => ['--data-dir', dataDir];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sd-bills-cli-'));
    sim = await startSimulator({ port: 0, seed: 7, orders: 200, quiet: true });
    const set = await run(
      ['account', 'set', '--endpoint', sim.url, '--ak', sim.credentials.ak, '--sk-stdin', ...dd()],
      { stdin: `${sim.credentials.sk}\n` },
    );
    expect(set.code).toBe(0);
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('B5: sync pulls the bills feed too and says how many revisions it archived; a second sync archives none', async () => {
    const r = await run(['sync', ...dd()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = /; (\d+) new bill revisions? archived\.$/.exec(r.stdout.trim());
    expect(Number(m?.[1])).toBeGreaterThan(0);
    const again = await run(['sync', ...dd()]);
    expect(again.stdout.trim()).toMatch(/; 0 new bill revisions archived\.$/);
  });

  it('bills list --json: the latest revision of each bill, totals as decimal strings, what the revision changed', async () => {
    const r = await run(['bills', 'list', '--json', ...dd()]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(list.length).toBeGreaterThan(0);
    for (const b of list) {
      expect(Object.keys(b)).toEqual([
        'billId',
        'billingPeriod',
        'currency',
        'status',
        'revision',
        'revisionCount',
        'generatedAt',
        'receivedAt',
        'lineCount',
        'totals',
        'change',
      ]);
      expect(Object.values(b.totals as Record<string, string>).every((v) => MONEY.test(v))).toBe(true);
      expect(b.change).toMatch(new RegExp(`^revision ${String(b.revision)}`));
    }
    const periods = list.map((b) => String(b.billingPeriod));
    expect([...periods].sort().reverse()).toEqual(periods); // newest month first
    const revised = list.find((b) => Number(b.revisionCount) > 1);
    expect(revised?.change).toMatch(/^revision \d+ — /);

    const one = String(list[0].billingPeriod);
    const filtered = JSON.parse(
      (await run(['bills', 'list', '--period', one, '--currency', 'CNY', '--json', ...dd()])).stdout,
    ) as Array<Record<string, unknown>>;
    expect(filtered.every((b) => b.billingPeriod === one && b.currency === 'CNY')).toBe(true);
    const text = await run(['bills', 'list', ...dd()]);
    expect(text.stdout).toMatch(/^BILL ID\s+PERIOD/);
  });

  it('B2a/B3: bills show --json prints the bill as received plus an explanation (lines, refunds as decimal strings)', async () => {
    const list = JSON.parse((await run(['bills', 'list', '--json', ...dd()])).stdout) as Array<{
      billId: string;
      revision: number;
      revisionCount: number;
    }>;
    for (const { billId, revision } of list) {
      const r = await run(['bills', 'show', billId, '--json', ...dd()]);
      expect(r.code).toBe(0);
      const shown = JSON.parse(r.stdout) as Record<string, unknown> & {
        explanation: {
          lines: Array<Record<string, unknown>>;
          refunds: Array<Record<string, unknown>>;
          allMatch: boolean;
        };
      };
      const { explanation, ...asReceived } = shown;
      const bill = billSchema.parse(asReceived); // marketplace field names, exactly the wire shape
      expect(bill).toMatchObject({ billId, revision });
      expect(explanation.lines.map((l) => l.orderLineId)).toEqual(bill.lines.map((l) => l.orderLineId));
      for (const l of explanation.lines) {
        expect(l.expectedSettlementAmount).toMatch(MONEY);
        expect(typeof l.matches).toBe('boolean');
      }
      expect(explanation.refunds).toHaveLength(bill.lines.filter((l) => l.kind === 'refund').length);
      for (const x of explanation.refunds)
        for (const k of ['fromSettlement', 'fromDeposit', 'owedBySeller']) expect(x[k]).toMatch(MONEY);
    }
    const revised = list.find((b) => b.revisionCount > 1);
    if (revised) {
      const first = JSON.parse(
        (await run(['bills', 'show', revised.billId, '--revision', '1', '--json', ...dd()])).stdout,
      ) as { revision: number };
      expect(first.revision).toBe(1);
      const text = await run(['bills', 'show', revised.billId, ...dd()]);
      expect(text.stdout).toContain('Revisions:');
      expect(text.stdout).toMatch(/revision 2 — /);
    }
  });

  it('B1/B4: bills why --json for a billed line names its bills; for an unbilled one, the reasons', async () => {
    const list = JSON.parse((await run(['bills', 'list', '--json', ...dd()])).stdout) as Array<{ billId: string }>;
    const shown = JSON.parse((await run(['bills', 'show', list[0].billId, '--json', ...dd()])).stdout) as {
      billingPeriod: string;
      lines: Array<{ orderLineId: string }>;
    };
    const billedId = shown.lines[0].orderLineId;
    const billed = JSON.parse((await run(['bills', 'why', billedId, '--json', ...dd()])).stdout) as Record<
      string,
      unknown
    >;
    expect(Object.keys(billed)).toEqual(['orderLineId', 'billed', 'bills', 'reasons']);
    expect(billed).toMatchObject({ orderLineId: billedId, billed: true, reasons: [] });
    // A pay-per-use line is billed in every month it was consumed: each of its bills is listed.
    expect(billed.bills).toContainEqual({
      billId: list[0].billId,
      revision: expect.any(Number),
      billingPeriod: shown.billingPeriod,
    });

    // A line still under supervision is not billed: B4 says so.
    const orders = JSON.parse(
      (await run(['orders', 'list', '--stage', 'request_pending', '--limit', '1', '--json', ...dd()])).stdout,
    ) as Array<{ orderLineId: string }>;
    expect(orders).toHaveLength(1);
    const r = await run(['bills', 'why', orders[0].orderLineId, '--json', ...dd()]);
    expect(r.code).toBe(0);
    const unbilled = JSON.parse(r.stdout) as {
      billed: boolean;
      bills: unknown[];
      reasons: Array<{ code: string; message: string }>;
    };
    expect(unbilled.billed).toBe(false);
    expect(unbilled.bills).toEqual([]);
    expect(unbilled.reasons).toContainEqual({
      code: 'supervision_not_completed',
      message: 'Supervision is not completed (stage request_pending).',
    });
    const text = await run(['bills', 'why', orders[0].orderLineId, ...dd()]);
    expect(text.stdout).toContain('is not on any bill yet');
  });

  it('exit codes: an unknown bill or order line is 1 with one line; a bad period or a missing id is 2 with the usage line', async () => {
    const unknown = await run(['bills', 'show', 'B209901-0001', ...dd()]);
    expect(unknown.code).toBe(1);
    expect(lines(unknown.stderr)).toEqual(['seller-desk: no bill B209901-0001 in the local archive']);
    const noRev = await run(['bills', 'show', 'B209901-0001', '--revision', '0', ...dd()]);
    expect(noRev.code).toBe(2);
    const why = await run(['bills', 'why', 'NO-SUCH-LINE', ...dd()]);
    expect(why.code).toBe(1);
    const bad = await run(['bills', 'list', '--period', '2025-04', ...dd()]);
    expect(bad.code).toBe(2);
    expect(lines(bad.stderr)).toEqual([
      'seller-desk: --period: expected a billing period YYYYMM',
      expect.stringMatching(/^usage: seller-desk bills list/),
    ]);
    const cur = await run(['bills', 'list', '--currency', 'EUR', ...dd()]);
    expect(cur.code).toBe(2);
    const missing = await run(['bills', 'show', ...dd()]);
    expect(missing.code).toBe(2);
    const sub = await run(['bills', 'frobnicate', ...dd()]);
    expect(sub.code).toBe(2);
    expect(lines(sub.stderr)[0]).toBe("seller-desk: unknown bills command 'frobnicate'");
  });
});
