// The marketplace client, sync and outbox against a hostile or broken marketplace (docs/architecture.md "Security":
// never follow redirects on signed requests, bound every answer's size after decompression, cap waits, strip control
// characters from server text before showing it). Real HTTP on 127.0.0.1 port 0 (testing/hostile-server.ts). Each
// case checks that the run ends within a bounded number of requests, says what went wrong in words, leaves the local
// data as it was, and — where an answer is big — that memory stays flat.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers, type HandlerDeps } from '../api/handlers';
import { runLines } from '../cli/testing/support';
import { getOrderLine, upsertOrderLines } from '../orders/order-lines';
import { getCursor, listRejects, REJECT_ITEM_MAX_BYTES } from './sync-state';
import { getOutboxItem } from '../outbox/repo';
import { MarketplaceError } from './errors';
import { makeLine } from './testing/fake-marketplace';
import { ORDER_LINES_FEED } from './pull';
import { MAX_WAIT_MS, PULL_POLICY } from './retry';
import { SyncScheduler } from './scheduler';
import {
  normal,
  peakRssDelta,
  SEEDED_LINES,
  startHarness,
  T0,
  type Harness,
  type HarnessOptions,
} from './testing/hostile-harness';
import { every, gzipBomb, json, page, raw, redirect, stream, SYNC, type Behaviour } from './testing/hostile-server';

const FEED = `${SYNC}/order-lines`;
const MiB = 1024 * 1024;
/** "Memory stays flat": generous, yet far below what reading a 50 MB or 2 GiB answer whole would take. */
const RSS_BOUND = 200 * MiB;
/** Two quick tries where a case waits for a timeout each time. */
const TWO_TRIES = { ...PULL_POLICY, maxAttempts: 2 };

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function harness(behaviour: Behaviour = normal, opts: HarnessOptions = {}): Promise<Harness> {
  h = await startHarness(behaviour, opts);
  return h;
}

/** The order-lines feed answers with `fn`; everything else as a well-behaved marketplace would. */
const onFeed =
  (fn: Behaviour): Behaviour =>
  (req, res) =>
    req.path === FEED ? fn(req, res) : normal(req, res);

/** A run through the scheduler; the local data is checked unchanged and the app not left "syncing". */
async function runUnchanged(x: Harness) {
  const before = x.snapshot();
  const status = await x.run();
  expect(status.syncing).toBe(false);
  expect(x.scheduler.status().syncing).toBe(false);
  expect(x.snapshot()).toEqual(before);
  return status;
}

/** The pull alone (engine), for cases where the error itself is what the test reads. */
async function pullError(x: Harness): Promise<MarketplaceError> {
  const before = x.snapshot();
  const err = await x.engine.runOnce().then(
    () => {
      throw new Error('the pull was expected to fail');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MarketplaceError);
  expect(x.snapshot()).toEqual(before);
  return err as MarketplaceError;
}

/** C0/C1 controls (ESC among them), DEL, and the bidi overrides that reorder what is read. */
const hasControl = (s: string): boolean =>
  [...s].some((c) => {
    const n = c.codePointAt(0) ?? 0;
    return n < 0x20 || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e);
  });

const REDIRECTS = [301, 302, 303, 307, 308] as const;

describe('redirects: a signed request never follows one (docs/architecture.md "Security")', () => {
  for (const status of REDIRECTS) {
    it(`${status} on a feed page → the run ends "redirected … to <Location>", the other host is never asked, nothing is stored`, async () => {
      const x = await harness();
      const target = `${x.elsewhere.url}${FEED}?stolen=1`;
      x.server.behave(onFeed((_req, res) => redirect(res, status, target)));
      const s = await runUnchanged(x);
      expect(s.lastError).toContain(String(status));
      expect(s.lastError).toContain(`redirected the request to ${target}`);
      expect(s.lastError).toContain('never follow redirects');
      expect(x.server.count('/order-lines')).toBe(1); // definite: not retried within the run
      expect(x.elsewhere.requests).toHaveLength(0);
      expect(getCursor(x.db, ORDER_LINES_FEED)).toBeNull();
    });
  }

  for (const status of REDIRECTS) {
    it(`${status} on a seller action → not acked: it waits (unknown) with the status and Location, is resent with its key once the endpoint answers`, async () => {
      const x = await harness();
      const item = x.act();
      const lineBefore = getOrderLine(x.db, item.orderLineId);
      x.server.behave((req, res) =>
        req.method === 'POST' ? redirect(res, status, `${x.elsewhere.url}${req.path}`) : normal(req, res),
      );
      const s = await x.run();
      expect(s.syncing).toBe(false);
      expect(s.lastPush).toMatchObject({ sent: 1, acked: 0, waiting: 1 });
      const waiting = getOutboxItem(x.db, item.id);
      expect(waiting).toMatchObject({ state: 'unknown', attempts: 1, lastError: { status, kind: 'http' } });
      expect(waiting?.lastError?.message).toContain(`redirected the request to ${x.elsewhere.url}`);
      expect(waiting?.nextAttemptAt).toBeGreaterThan(T0);
      expect(x.elsewhere.requests).toHaveLength(0);
      expect(getOrderLine(x.db, item.orderLineId)).toEqual(lineBefore); // nothing from the redirect stored
      // The endpoint is fixed: the same request, with the same idempotency key, is acked.
      x.server.behave(normal);
      await x.run();
      expect(getOutboxItem(x.db, item.id)?.state).toBe('acked');
      const posts = x.server.requests.filter((r) => r.method === 'POST');
      expect(posts).toHaveLength(2);
      expect(posts[1].headers['idempotency-key']).toBe(posts[0].headers['idempotency-key']);
    });
  }

  it('302 on an attachment download → an error naming the status and Location; the other host is never asked', async () => {
    const x = await harness((req, res) => redirect(res, 302, `${x.elsewhere.url}${req.path}`));
    const err = (await x.client.getAttachment('att-1').catch((e: unknown) => e)) as MarketplaceError;
    expect(err).toBeInstanceOf(MarketplaceError);
    expect(err.status).toBe(302);
    expect(err.location).toBe(`${x.elsewhere.url}${SYNC}/attachments/att-1`);
    expect(x.elsewhere.requests).toHaveLength(0);
  });
});

describe('cursor feeds: a broken feed ends the run and is never hammered', () => {
  it('a cursor cycle A→B→A → "went back to a cursor … (a cycle)" after 3 page requests; nothing new stored', async () => {
    const next: Record<string, string> = { '': 'A', A: 'B', B: 'A' };
    const x = await harness(
      onFeed((req, res) => json(res, 200, page([makeLine(0)], next[req.query.get('cursor') ?? ''], true))),
    );
    const s = await runUnchanged(x);
    expect(s.lastError).toMatch(/order-lines feed went back to a cursor it had already given in this run \(a cycle\)/);
    expect(x.server.count('/order-lines')).toBe(3);
    expect(getCursor(x.db, ORDER_LINES_FEED)).toBe('B'); // never rewound to A
  });

  it('the same cursor returned together with items → "returned the cursor it was asked with together with 1 item" after 2 requests', async () => {
    const x = await harness(onFeed((req, res) => json(res, 200, page([makeLine(1)], 'A', true))));
    const s = await runUnchanged(x);
    expect(s.lastError).toContain('returned the cursor it was asked with together with 1 item');
    expect(x.server.count('/order-lines')).toBe(2);
  });

  it('endless hasMore with empty pages → stops after 10 empty pages, each fetched at least 500 ms after the last', async () => {
    const x = await harness(
      onFeed((req, res) =>
        json(res, 200, page([], `p${Number((req.query.get('cursor') ?? 'p0').slice(1)) + 1}`, true)),
      ),
    );
    const s = await runUnchanged(x);
    expect(s.lastError).toContain('sent 10 empty pages in a row while saying hasMore');
    expect(x.server.count('/order-lines')).toBe(10);
    expect(x.waits.filter((w) => w >= 500)).toHaveLength(9); // paced: never back-to-back
  });

  it('nextCursor null with hasMore true → "said hasMore but gave no nextCursor" after 1 request', async () => {
    const x = await harness(onFeed((_req, res) => json(res, 200, page([makeLine(0)], null, true))));
    const s = await runUnchanged(x);
    expect(s.lastError).toContain('said hasMore but gave no nextCursor');
    expect(x.server.count('/order-lines')).toBe(1);
  });

  it('endless hasMore with one-item pages (a new cursor each time) → stops at the page cap, paced all the way', async () => {
    let n = 0;
    const x = await harness(
      onFeed((_req, res) => json(res, 200, page([makeLine(n % (SEEDED_LINES - 1))], `q${++n}`, true))),
      { maxPagesPerRun: 20 },
    );
    const s = await runUnchanged(x);
    expect(s.lastError).toContain('still said hasMore after 20 pages in one run');
    expect(x.server.count('/order-lines')).toBe(20);
    expect(x.waits.filter((w) => w >= 500)).toHaveLength(19);
  });

  it('the outbox is pushed even when the pull fails: the action is acked, the run reports the feed error', async () => {
    const x = await harness(onFeed((_req, res) => json(res, 200, page([], null, true))));
    const item = x.act();
    const s = await x.run();
    expect(s).toMatchObject({ syncing: false, online: true, lastPush: { sent: 1, acked: 1 } });
    expect(s.lastError).toContain('gave no nextCursor');
    expect(getOutboxItem(x.db, item.id)?.state).toBe('acked');
  });

  it('a status listener that throws never leaves the app "syncing" after a failed run', async () => {
    const x = await harness(
      onFeed((_req, res) => json(res, 200, page([], null, true))),
      {
        onStatus: (st) => {
          if (!st.syncing) throw new Error('listener failed');
        },
      },
    );
    const s = await x.run();
    expect(s.syncing).toBe(false);
    expect(x.scheduler.status()).toMatchObject({
      syncing: false,
      lastError: expect.stringContaining('gave no nextCursor'),
    });
  });
});

describe('Retry-After: honoured up to 5 minutes; longer ends the run until then (cap waits)', () => {
  const rateLimited = (retryAfter: string): Behaviour =>
    onFeed((_req, res) =>
      json(res, 429, { resultCode: 'MKT.0250', resultMsg: 'slow down' }, { 'Retry-After': retryAfter }),
    );

  it('Retry-After 86400 → "the marketplace asked to wait until <T0 + 1 day>" after 1 request; the next try is a day later', async () => {
    const x = await harness(rateLimited('86400'));
    const s = await runUnchanged(x);
    expect(s.lastError).toBe(
      `429 MKT.0250 the marketplace asked to wait until ${new Date(T0 + 86_400_000).toISOString()}`,
    );
    expect(x.server.count('/order-lines')).toBe(1);
    expect(x.waits).toEqual([]);
    expect(x.timers.pending()).toEqual([86_400_000]);
  });

  it('Retry-After a far-future date (year 9999) → "wait until 9999-12-31…"; the next try is capped at a day; no TimeoutOverflowWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const x = await harness(rateLimited('Fri, 31 Dec 9999 23:59:59 GMT'));
      const s = await runUnchanged(x);
      expect(s.lastError).toContain('the marketplace asked to wait until 9999-12-31T23:59:59.000Z');
      expect(x.timers.pending()).toEqual([MAX_WAIT_MS]);
      // The same with the scheduler's own (real) timer.
      const real = new SyncScheduler({
        engine: () => x.engine,
        clock: x.clock,
        intervalMs: () => 60_000,
        onStatus: () => undefined,
        countLines: () => 0,
        demo: false,
      });
      real.start();
      await real.runNow();
      real.stop();
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('TimeoutOverflowWarning');
      expect(x.server.count('/order-lines')).toBe(2);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('Retry-After garbage ("soon", "-5", "1.5", a broken date) → ignored: backoff from 250 ms, never a tight loop; 6 requests in all', async () => {
    const values = ['soon', '-5', '1.5', 'Thu, 99 Foo 2025 00:00:00 GMT', '9'.repeat(40)];
    let i = 0;
    const x = await harness(
      onFeed((_req, res) =>
        json(
          res,
          429,
          { resultCode: 'MKT.0250', resultMsg: 'slow down' },
          { 'Retry-After': values[i++ % values.length] },
        ),
      ),
    );
    const s = await runUnchanged(x);
    expect(s.lastError).toContain('429 MKT.0250');
    expect(x.server.count('/order-lines')).toBe(PULL_POLICY.maxAttempts);
    expect(x.waits).toEqual([250, 500, 1_000, 2_000, 4_000]);
  });

  it('Retry-After 2 → waits exactly 2 s, then the page is fetched and the run succeeds', async () => {
    let first = true;
    const x = await harness(
      onFeed((req, res) => {
        if (!first) return normal(req, res);
        first = false;
        json(res, 429, { resultCode: 'MKT.0250', resultMsg: 'slow down' }, { 'Retry-After': '2' });
      }),
    );
    const s = await runUnchanged(x);
    expect(s.lastError).toBeNull();
    expect(x.waits).toEqual([2_000]);
    expect(x.server.count('/order-lines')).toBe(2);
  });

  it('Retry-After 0 → still waits 1 s (no 1 ms retry loop)', async () => {
    const x = await harness(rateLimited('0'));
    await runUnchanged(x);
    expect(x.waits.length).toBe(PULL_POLICY.maxAttempts - 1);
    expect(Math.min(...x.waits)).toBeGreaterThanOrEqual(1_000);
  });
});

describe('answer sizes: bounded after decompression, read as a stream', () => {
  const head = '{"resultCode":"MKT.0000","resultMsg":"success","nextCursor":"c1","hasMore":false,"items":[]';

  it('a gzip bomb on a feed page (≈2 MB → 2 GiB) → "larger than the 32 MiB limit" after 1 request; memory stays flat', async () => {
    const x = await harness(onFeed((_req, res) => gzipBomb(res, head, 2 * 1024 * MiB)));
    const { value: s, deltaBytes } = await peakRssDelta(() => runUnchanged(x));
    expect(s.lastError).toContain("the marketplace's answer is larger than the 32 MiB limit");
    expect(x.server.count('/order-lines')).toBe(1);
    expect(deltaBytes).toBeLessThan(RSS_BOUND);
  });

  it('a gzip bomb as an attachment download → "larger than the 20 MiB limit"; memory stays flat', async () => {
    const x = await harness((_req, res) => gzipBomb(res, '%PDF-1.7\n', 2 * 1024 * MiB, 'application/pdf'));
    const { value: err, deltaBytes } = await peakRssDelta(() =>
      x.client.getAttachment('att-1').catch((e: unknown) => e as MarketplaceError),
    );
    expect(err).toBeInstanceOf(MarketplaceError);
    expect((err as MarketplaceError).message).toContain('larger than the 20 MiB limit');
    expect(deltaBytes).toBeLessThan(RSS_BOUND);
  });

  it('a 50 MB single item (chunked, no length) → "larger than the 32 MiB limit"; memory stays flat', async () => {
    const x = await harness(
      onFeed((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' });
        res.write(
          '{"resultCode":"MKT.0000","resultMsg":"success","nextCursor":"c1","hasMore":false,"items":[{"orderLineId":"BIG-000001","pad":"',
        );
        stream(res, Buffer.alloc(64 * 1024, 'a'), 50 * MiB, Buffer.from('"}]}'));
      }),
    );
    const { value: s, deltaBytes } = await peakRssDelta(() => runUnchanged(x));
    expect(s.lastError).toContain('larger than the 32 MiB limit');
    expect(x.server.count('/order-lines')).toBe(1);
    expect(deltaBytes).toBeLessThan(RSS_BOUND);
  });

  it('Content-Length announcing 3 GB → refused before reading: "announces 3221225472 bytes, over the 32 MiB limit"', async () => {
    const x = await harness(
      onFeed((_req, res) =>
        raw(
          res,
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 3221225472\r\n\r\n{"resultCode":',
          'hold',
        ),
      ),
    );
    const s = await runUnchanged(x);
    expect(s.lastError).toContain('announces 3221225472 bytes, over the 32 MiB limit');
    expect(x.server.count('/order-lines')).toBe(1);
  });

  it('Content-Length lies (more bytes sent than announced) → only the announced bytes are read: "invalid JSON", 1 request', async () => {
    const body = JSON.stringify(page([makeLine(0)], 'c1', false));
    const x = await harness(
      onFeed((_req, res) =>
        raw(
          res,
          `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 40\r\nConnection: close\r\n\r\n${body}`,
        ),
      ),
    );
    const s = await runUnchanged(x);
    expect(s.lastError).toBe('the marketplace answered with invalid JSON');
    expect(x.server.count('/order-lines')).toBe(1);
  });

  it('Content-Length lies (fewer bytes, then the connection closes) → a network error, retried at most as the policy says', async () => {
    const x = await harness(
      onFeed((_req, res) =>
        raw(
          res,
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"resultCode":"MKT.0000"',
          'destroy',
        ),
      ),
      { policy: TWO_TRIES },
    );
    const err = await pullError(x);
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/^network error: /);
    expect(x.server.count('/order-lines')).toBe(2);
    const s = await runUnchanged(x);
    expect(s).toMatchObject({ online: false, lastError: null }); // a broken connection reads as "offline", calmly
  });

  it('Content-Length lies (fewer bytes, the connection held open) → "no answer within 300 ms", 2 tries', async () => {
    const x = await harness(
      onFeed((_req, res) =>
        raw(
          res,
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"resultCode"',
          'hold',
        ),
      ),
      { timeoutMs: 300, policy: TWO_TRIES },
    );
    const err = await pullError(x);
    expect(err).toMatchObject({ kind: 'timeout', message: 'no answer within 300 ms' });
    expect(x.server.count('/order-lines')).toBe(2);
  });

  it('a response that never ends (a byte every 50 ms) → "no answer within 300 ms", 2 tries', async () => {
    const x = await harness(
      onFeed((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"items":[');
        every(res, 50, () => res.write(' '));
      }),
      { timeoutMs: 300, policy: TWO_TRIES },
    );
    const err = await pullError(x);
    expect(err).toMatchObject({ kind: 'timeout', message: 'no answer within 300 ms' });
    expect(x.server.count('/order-lines')).toBe(2);
  });

  it('slow-loris headers (a header byte every 50 ms, never finished) → "no answer within 300 ms", 2 tries', async () => {
    const x = await harness(
      onFeed((_req, res) => {
        raw(res, 'HTTP/1.1 200 OK\r\nX-Slow: ', 'hold');
        every(res, 50, (socket) => socket.write('a'));
      }),
      { timeoutMs: 300, policy: TWO_TRIES },
    );
    const err = await pullError(x);
    expect(err).toMatchObject({ kind: 'timeout', message: 'no answer within 300 ms' });
    expect(x.server.count('/order-lines')).toBe(2);
  });

  it('a huge header (1 MB) → refused by the HTTP parser as a network error, 2 tries, nothing stored', async () => {
    const x = await harness(
      onFeed((_req, res) =>
        raw(res, `HTTP/1.1 200 OK\r\nX-Huge: ${'h'.repeat(MiB)}\r\nContent-Length: 2\r\n\r\n{}`, 'end'),
      ),
      { policy: TWO_TRIES },
    );
    const err = await pullError(x);
    expect(err.kind).toBe('network');
    expect(x.server.count('/order-lines')).toBe(2);
  });

  it('a connection reset in the middle of the body → a network error, retried at most as the policy says', async () => {
    const x = await harness(
      onFeed((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' });
        res.write(`${head.slice(0, 40)}`, () => res.socket?.destroy());
      }),
      { policy: TWO_TRIES },
    );
    const err = await pullError(x);
    expect(err.kind).toBe('network');
    expect(x.server.count('/order-lines')).toBe(2);
  });
});

describe('answer content: what is not a marketplace answer is an error in words', () => {
  it('invalid JSON on a 200 → "the marketplace answered with invalid JSON", 1 request', async () => {
    const x = await harness(onFeed((_req, res) => json(res, 200, '{"resultCode": "MKT.0000", items: [')));
    const s = await runUnchanged(x);
    expect(s.lastError).toBe('the marketplace answered with invalid JSON');
    expect(x.server.count('/order-lines')).toBe(1);
  });

  it('a JSON array instead of an object → "a JSON array where an object was expected", 1 request', async () => {
    const x = await harness(onFeed((_req, res) => json(res, 200, '[{"orderLineId":"X"}]')));
    const s = await runUnchanged(x);
    expect(s.lastError).toBe('the marketplace answered with a JSON array where an object was expected');
    expect(x.server.count('/order-lines')).toBe(1);
  });

  it('deeply nested JSON (100,000 levels inside an item) → "nested deeper than 64 levels", no stack overflow', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const x = await harness(
      onFeed((_req, res) =>
        json(
          res,
          200,
          `{"resultCode":"MKT.0000","resultMsg":"success","nextCursor":"c1","hasMore":false,"items":[{"orderLineId":"X","deep":${deep}}]}`,
        ),
      ),
    );
    const s = await runUnchanged(x);
    expect(s.lastError).toBe('the marketplace answered with JSON nested deeper than 64 levels');
  });

  it('a body that is not UTF-8 → "text that is not valid UTF-8", 1 request', async () => {
    const body = Buffer.concat([
      Buffer.from('{"resultCode":"MKT.0000","resultMsg":"'),
      Buffer.from([0xff, 0xfe, 0xe9]),
      Buffer.from('","items":[],"hasMore":false,"nextCursor":"c"}'),
    ]);
    const x = await harness(onFeed((_req, res) => json(res, 200, body)));
    const s = await runUnchanged(x);
    expect(s.lastError).toBe('the marketplace answered with text that is not valid UTF-8');
    expect(x.server.count('/order-lines')).toBe(1);
  });

  it('a success that starts with a UTF-8 byte order mark is read without it (as TextDecoder reads it)', async () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"resultCode":"MKT.0000","resultMsg":"成功","items":[],"hasMore":false,"nextCursor":"c"}'),
    ]);
    const x = await harness(onFeed((_req, res) => json(res, 200, body)));
    const s = await runUnchanged(x);
    expect(s.lastError ?? null).toBeNull();
    expect(x.server.count('/order-lines')).toBe(1);
  });

  const hostileMsg = `\u001b]0;pwned\u0007\u001b[2J\u001b[31mforbidden\u001b[0m\r\nfake log line\u202e ${'x'.repeat(100_000)}`;

  it('ANSI escapes and a 100 KB resultMsg → shown as one stripped line of at most 300 characters; the whole text is in the log', async () => {
    const x = await harness(onFeed((_req, res) => json(res, 403, { resultCode: 'MKT.0150', resultMsg: hostileMsg })));
    const s = await runUnchanged(x);
    const shown = s.lastError ?? '';
    expect(shown.startsWith('403 MKT.0150 forbidden fake log line x')).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(300);
    expect(hasControl(shown)).toBe(false);
    const logged = x.logLines.find((l) => l.includes('resultMsg'));
    expect(logged).toContain('x'.repeat(100_000)); // all of it …
    expect(logged).toContain('\\u001b[2J'); // … escaped, so it cannot clear a terminal tailing the log
    expect(hasControl(logged ?? '')).toBe(false);
  });

  it('ANSI escapes and a 100 KB resultMsg refusing an action → the outbox item keeps a stripped, cut reason and field errors', async () => {
    const x = await harness((req, res) =>
      req.method === 'POST'
        ? json(res, 400, {
            resultCode: 'MKT.0100',
            resultMsg: hostileMsg,
            errors: [{ field: '\u001b[1mreason', message: `\u001b[31m${'y'.repeat(5_000)}` }],
          })
        : normal(req, res),
    );
    const item = x.act();
    await x.run();
    const stored = getOutboxItem(x.db, item.id);
    expect(stored?.state).toBe('rejected');
    expect(stored?.lastError?.message.length).toBeLessThanOrEqual(300);
    for (const text of [
      stored?.lastError?.message ?? '',
      ...(stored?.lastError?.fields ?? []).flatMap((f) => [f.field, f.message]),
    ])
      expect(hasControl(text)).toBe(false);
    expect(stored?.lastError?.fields?.[0]).toMatchObject({ field: 'reason' });
    expect(stored?.lastError?.fields?.[0].message.length).toBeLessThanOrEqual(300);
  });

  it('401 APIGW.0301 (no clock skew) → "401 APIGW.0301 …" after 1 request; nothing stored', async () => {
    const x = await harness(
      onFeed((_req, res) => json(res, 401, { resultCode: 'APIGW.0301', resultMsg: 'signature refused' })),
    );
    const s = await runUnchanged(x);
    expect(s.lastError).toBe('401 APIGW.0301 signature refused');
    expect(x.server.count('/order-lines')).toBe(1);
  });

  it('403 MKT.0150 → "403 MKT.0150 …" after 1 request; the next try waits for the interval', async () => {
    const x = await harness(
      onFeed((_req, res) => json(res, 403, { resultCode: 'MKT.0150', resultMsg: 'not your order' })),
    );
    const s = await runUnchanged(x);
    expect(s.lastError).toBe('403 MKT.0150 not your order');
    expect(x.server.count('/order-lines')).toBe(1);
    expect(x.timers.pending()).toEqual([5 * 60_000]);
  });

  it('500 with an HTML body → "HTTP 500 (an answer that is not JSON)" after the policy\'s 6 tries, with backoff', async () => {
    const x = await harness(
      onFeed((_req, res) =>
        json(res, 500, '<html><body><h1>Internal Server Error</h1></body></html>', { 'Content-Type': 'text/html' }),
      ),
    );
    const s = await runUnchanged(x);
    expect(s.lastError).toBe('HTTP 500 (an answer that is not JSON)');
    expect(x.server.count('/order-lines')).toBe(PULL_POLICY.maxAttempts);
    expect(x.waits).toEqual([250, 500, 1_000, 2_000, 4_000]);
  });
});

describe('feed items: duplicates, stale versions, malformed items (reported once, bounded)', () => {
  it('duplicate items in one page → each line stored once', async () => {
    const x = await harness(
      onFeed((_req, res) => json(res, 200, page([makeLine(0), makeLine(0), makeLine(1), makeLine(1)], 'c1', false))),
    );
    const s = await runUnchanged(x);
    expect(s.lastError).toBeNull();
    expect(s.progress).toMatchObject({ phase: 'done', lines: 4 });
  });

  it('an item with a lower version than stored → the stored version stays', async () => {
    const x = await harness(
      onFeed((_req, res) => json(res, 200, page([makeLine(2, { version: 3, productName: 'stale' })], 'c1', false))),
    );
    upsertOrderLines(x.db, [makeLine(2, { version: 5, productName: 'current' })]);
    const s = await runUnchanged(x);
    expect(s.lastError).toBeNull();
    expect(getOrderLine(x.db, makeLine(2).orderLineId)).toMatchObject({ version: 5, productName: 'current' });
  });

  it('a malformed item re-fetched on every run → reported once (counted), listed with its reason for the Sync Center', async () => {
    const bad = { ...makeLine(7), amount: '12.5' };
    const x = await harness(onFeed((_req, res) => json(res, 200, page([bad], 'c1', false))));
    const first = await x.run();
    const second = await x.run();
    for (const s of [first, second])
      expect(s).toMatchObject({ lastError: null, progress: { phase: 'done', skipped: 1 } });
    const rejects = listRejects(x.db);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ feed: ORDER_LINES_FEED, itemId: `${bad.orderLineId} v1`, times: 2 });
    const handlers = createHandlers({ db: x.db } as unknown as HandlerDeps);
    const listed = await handlers['sync:rejects']({ limit: 10 });
    expect(listed).toEqual([
      expect.objectContaining({
        feed: ORDER_LINES_FEED,
        itemId: `${bad.orderLineId} v1`,
        times: 2,
        reason: expect.stringContaining('amount'),
      }),
    ]);
  });

  it('a 100 KB malformed item → at most 64 KiB of it is kept', async () => {
    const x = await harness(
      onFeed((_req, res) =>
        json(res, 200, page([{ ...makeLine(8), amount: 'x', pad: 'p'.repeat(100_000) }], 'c1', false)),
      ),
    );
    await x.run();
    const row = x.db.prepare<[], { n: number }>('SELECT length(CAST(item_json AS BLOB)) AS n FROM sync_rejects').get();
    expect(row?.n).toBeLessThanOrEqual(REJECT_ITEM_MAX_BYTES + 200);
    expect(listRejects(x.db)[0].item).toMatchObject({ truncatedFromBytes: expect.any(Number) });
  });
});

describe('seller-desk sync against a hostile marketplace (README "Exit status")', () => {
  const cli = (x: Harness, args: string[]) =>
    runLines(args, { env: { ...process.env, SELLER_DESK_LOG: '' }, cwd: x.dir, stdin: 'sk-hostile-0123456789' });

  async function connected(x: Harness): Promise<string> {
    const dataDir = mkdtempSync(join(tmpdir(), 'sd-hostile-cli-'));
    const set = await cli(x, [
      'account',
      'set',
      '--data-dir',
      dataDir,
      '--endpoint',
      x.server.url,
      '--ak',
      'AKHOSTILE0001',
      '--sk-stdin',
    ]);
    expect(set.code).toBe(0);
    return dataDir;
  }

  it('malformed items → the summary, then "N items skipped" on stderr, exit 3', async () => {
    const x = await harness(
      onFeed((_req, res) => json(res, 200, page([makeLine(1), { ...makeLine(2), amount: '1' }, 42], 'c1', false))),
    );
    const dataDir = await connected(x);
    try {
      const r = await cli(x, ['sync', '--data-dir', dataDir]);
      expect(r.code).toBe(3);
      expect(r.out.at(-1)).toMatch(/^Synced: 1 order line received in 1 page; 1 cached/);
      expect(r.err).toEqual([
        "2 items skipped: malformed in the marketplace's feed (listed in the app's Sync Center).",
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('ANSI escapes in an order line (product name, customer) → `orders list` and `orders show` print them stripped', async () => {
    const line = makeLine(9, {
      productName: '\u001b[2J\u001b[31mEvil\u001b[0m \u202eService',
      customer: { ...makeLine(9).customer, customerName: '\u001b]0;pwned\u0007Mallory' },
    });
    const x = await harness(onFeed((_req, res) => json(res, 200, page([line], 'c1', false))));
    const dataDir = await connected(x);
    try {
      expect((await cli(x, ['sync', '--data-dir', dataDir])).code).toBe(0);
      const list = await cli(x, ['orders', 'list', '--data-dir', dataDir, '--search', 'Evil']);
      expect(list.code).toBe(0);
      expect(list.out.join('\n')).toContain('Evil Service');
      const show = await cli(x, ['orders', 'show', line.orderLineId, '--data-dir', dataDir]);
      expect(show.out.join('\n')).toContain('Mallory');
      for (const text of [...list.out, ...show.out].flatMap((t) => t.split('\n')))
        expect(hasControl(text), JSON.stringify(text)).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('ANSI escapes in a refusal → one stripped line on stderr, exit 1', async () => {
    const x = await harness(
      onFeed((_req, res) =>
        json(res, 403, {
          resultCode: 'MKT.0150',
          resultMsg: `\u001b[2J\u001b[31mgo away\u001b[0m\n${'z'.repeat(10_000)}`,
        }),
      ),
    );
    const dataDir = await connected(x);
    try {
      const r = await cli(x, ['sync', '--data-dir', dataDir]);
      expect(r.code).toBe(1);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(/^seller-desk: sync failed: 403 MKT\.0150 go away z+…$/);
      expect(hasControl(r.err[0])).toBe(false);
      expect(r.err[0].length).toBeLessThan(400);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
