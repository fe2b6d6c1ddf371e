// "Last sync" follows every exchange the marketplace answers with success — an outbox send or a template pull between
// runs too — through MarketplaceClient `onAnswered` → SyncScheduler.answered; a refused exchange does not move it.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../common/api/types';
import { MarketplaceClient } from './client';
import { makeLine, startFakeMarketplace, type FakeMarketplace } from './testing/fake-marketplace';
import { SyncScheduler } from './scheduler';
import { settableClock } from './testing/helpers';
import { manualTimers } from './testing/manual-timers';

const T0 = Date.UTC(2025, 3, 1, 4, 0, 0);
let fake: FakeMarketplace | null = null;
afterEach(async () => {
  await fake?.close();
});

describe('last contact with the marketplace', () => {
  it('an answered exchange outside a run moves lastContactAt and is announced; a refused one does not', async () => {
    fake = await startFakeMarketplace({ now: () => T0 });
    fake.feed.push(makeLine(0));
    const clock = settableClock(T0);
    const statuses: SyncStatus[] = [];
    const scheduler = new SyncScheduler({
      engine: () => null,
      clock,
      intervalMs: () => 60_000,
      onStatus: (s) => statuses.push(s),
      countLines: () => 0,
      demo: false,
      setTimer: manualTimers().setTimer,
    });
    const good = fake.credentials;
    const client = (creds: { ak: string; sk: string }) =>
      new MarketplaceClient({
        baseUrl: fake!.url,
        credentials: () => creds,
        clock,
        timeoutMs: 2_000,
        onAnswered: (at) => scheduler.answered(at),
      });

    expect(scheduler.status().lastContactAt).toBeNull();
    clock.advance(90_000);
    await client(good).getOrderLinesPage(null, 10);
    expect(scheduler.status().lastContactAt).toBe(T0 + 90_000);
    expect(statuses.at(-1)?.lastContactAt).toBe(T0 + 90_000);
    expect(scheduler.status().lastSyncAt).toBeNull(); // no pull ran: only the contact moved

    clock.advance(60_000);
    await expect(client({ ak: good.ak, sk: 'not-the-secret' }).getOrderLinesPage(null, 10)).rejects.toThrow();
    expect(scheduler.status().lastContactAt).toBe(T0 + 90_000);
  });
});
