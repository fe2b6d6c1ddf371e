// Order-lines pages read off the main thread (page-reader.ts): the worker, built from its source as scripts/build.mjs
// builds it, reads exactly what the main thread reads (received lines, and a first sync's staged rows), tells a page's
// cursor before its items, leaves anything that is not a clean page to the client, and a worker that cannot start or
// dies costs no page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PageHead } from './feed-items';
import { cleanSuccessJson, MAX_JSON_DEPTH } from './json-answer';
import { readOrderLinesPage, RECEIVED_LINES, STAGED_LINES, type LineReading } from './order-lines-page';
import { inThreadPageReader, PAGE_READER_WORKER_FILE, WorkerPageReader } from './page-reader';
import { makeLine } from '../orders/testing/order-line-fixture';
import { createLogger } from '../log';

let dir: string;
let workerFile: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sd-page-reader-'));
  workerFile = path.join(dir, PAGE_READER_WORKER_FILE);
  await build({
    entryPoints: [path.join(__dirname, 'page-reader-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: workerFile,
    logLevel: 'silent',
  });
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytesOf = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

function page(items: unknown[], nextCursor: string | null = 'c2', hasMore = true) {
  return { resultCode: 'MKT.0000', resultMsg: 'success', items, nextCursor, hasMore };
}

const good = [
  makeLine({ orderId: 'CS2504011200AAAAA', customerName: '杭州某某科技有限公司' }),
  makeLine({ orderId: 'CS2504011200BBBBB', amount: '12.50' }),
];
// A line with a field this version does not know: its raw JSON keeps it.
const withExtra = { ...makeLine({ orderId: 'CS2504011200CCCCC' }), futureField: { x: 1 } };
const broken = { ...makeLine({ orderId: 'CS2504011200DDDDD' }), amount: 'twelve' };

describe('page reader (worker thread)', () => {
  it('reads received lines and staged rows exactly as the main thread does, bad items kept aside with the reason', async () => {
    const reader = new WorkerPageReader(workerFile);
    try {
      const bytes = bytesOf(page([...good, withExtra, broken]));
      const same = async <T>(reading: LineReading<T>): Promise<void> => {
        const there = await reader.read(bytes, reading);
        expect(there).toEqual(readOrderLinesPage(bytes, reading));
        expect(there?.good).toHaveLength(3);
        expect(there?.bad).toEqual([{ item: broken, error: expect.stringContaining('amount') }]);
      };
      await same(RECEIVED_LINES);
      await same(STAGED_LINES);
      const staged = readOrderLinesPage(bytes, STAGED_LINES);
      expect(JSON.parse(staged?.good[2]?.rawJson ?? '{}')).toMatchObject({ futureField: { x: 1 } });
      expect(JSON.parse(staged?.good[1]?.colsJson ?? '{}')).toMatchObject({ amount_minor: 1250 });
    } finally {
      await reader.close();
    }
  });

  it("tells the page's cursor before the page itself, so the next page can be asked for meanwhile", async () => {
    const reader = new WorkerPageReader(workerFile);
    try {
      const order: string[] = [];
      const heads: PageHead[] = [];
      const read = reader.read(bytesOf(page(good, 'next-1')), RECEIVED_LINES, (h) => {
        heads.push(h);
        order.push('head');
      });
      order.push((await read) ? 'page' : 'null');
      expect(heads).toEqual([{ nextCursor: 'next-1', hasMore: true, items: 2 }]);
      expect(order).toEqual(['head', 'page']);
    } finally {
      await reader.close();
    }
  });

  it('answers null for what is not a clean page, as the main thread does: the client reads and reports it', async () => {
    const reader = new WorkerPageReader(workerFile);
    try {
      const notClean = [
        new Uint8Array([0xff, 0xfe, 0x00]), // not UTF-8
        new TextEncoder().encode('{"resultCode": "MKT.0000", '), // not JSON
        bytesOf({ resultCode: 'MKT.0250', resultMsg: 'rate limited' }), // an error in a 200
        bytesOf({ resultCode: 'MKT.0000', resultMsg: 'ok', items: 'none' }), // not a page
        bytesOf([page(good)]), // an array
      ];
      for (const bytes of notClean) {
        expect(readOrderLinesPage(bytes, RECEIVED_LINES)).toBeNull();
        expect(await reader.read(bytes, RECEIVED_LINES)).toBeNull();
      }
    } finally {
      await reader.close();
    }
  });

  it('reads on the calling thread when the worker file is not there, and when the worker dies with pages waiting', async () => {
    const missing = new WorkerPageReader(path.join(dir, 'no-such-worker.cjs'));
    const bytes = bytesOf(page(good));
    expect(await missing.read(bytes, STAGED_LINES)).toEqual(readOrderLinesPage(bytes, STAGED_LINES));

    const dying = path.join(dir, 'dying-worker.cjs');
    writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const warnings: string[] = [];
    const log = createLogger({ level: 'silent' });
    const reader = new WorkerPageReader(dying, { ...log, warn: (m: string) => warnings.push(m) });
    const [a, b] = await Promise.all([reader.read(bytes, RECEIVED_LINES), reader.read(bytes, STAGED_LINES)]);
    expect(a).toEqual(readOrderLinesPage(bytes, RECEIVED_LINES));
    expect(b).toEqual(readOrderLinesPage(bytes, STAGED_LINES));
    expect(warnings).toEqual([expect.stringContaining('ended (exit 3)')]);
    // And after it: on this thread, without trying the worker again.
    expect(await reader.read(bytes, RECEIVED_LINES)).toEqual(a);
    await reader.close();
  });

  it('the in-thread reader is the same function', async () => {
    const bytes = bytesOf(page(good, null, false));
    expect(await inThreadPageReader.read(bytes, RECEIVED_LINES)).toEqual(readOrderLinesPage(bytes, RECEIVED_LINES));
  });
});

describe('a clean success (json-answer.ts)', () => {
  it('takes UTF-8 JSON objects (a BOM dropped) whose resultCode is absent or MKT.0000, nested at most 64 deep', () => {
    expect(cleanSuccessJson(new TextEncoder().encode('\ufeff{"resultCode":"MKT.0000","a":1}'))).toEqual({
      resultCode: 'MKT.0000',
      a: 1,
    });
    expect(cleanSuccessJson(bytesOf({ a: 1 }))).toEqual({ a: 1 });
    let deep: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH; i++) deep = [deep];
    expect(cleanSuccessJson(bytesOf({ deep }))).toBeUndefined(); // 65 levels with the outer object
    expect(cleanSuccessJson(bytesOf({ resultCode: 'APIGW.0301', resultMsg: 'no' }))).toBeUndefined();
    expect(cleanSuccessJson(new Uint8Array())).toBeUndefined();
  });
});
