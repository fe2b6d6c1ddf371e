// P4 for `seller-desk proof submit`: a child submitting proof.json for one order line after another (what the command
// runs: files into the store, then draft + queued delivery in one transaction) is SIGKILLed at random points
// (10 in `npm test`, 200 in `npm run soak`, SELLER_DESK_SUBMIT_KILLS=N for another count). After every kill each line
// has a complete queued delivery (one draft `queued`, its one outbox row) or nothing — never a half-made draft — every
// acknowledged submission is there, and PRAGMA integrity_check is ok.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderLine } from '../../common/marketplace/wire';
import { samplePdf } from '../../marketplace-sim/sample-files';
import { openDatabase } from '../db/connection';
import { upsertOrderLines } from '../orders/order-lines';
import { saveTemplate } from './templates';
import { makeLine } from '../orders/testing/order-line-fixture';
import { bundleChild } from '../testing/bundle-child';
import { runChildLines, type ChildExit } from '../testing/run-child';
import { soakCount } from '../testing/soak';
import { FULL_CONTENT, ITEMS_V3, PRODUCT, seededRandom } from './testing/fixtures';

const KILL_POINTS = soakCount(10, 200, 'SELLER_DESK_SUBMIT_KILLS');
/** A child gets through a few submissions (~40 ms each) before its kill; the last run submits what is left. */
const LINES = KILL_POINTS * 6 + 5;
const ROOT = resolve(__dirname, '..', '..');
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'seller-desk-submit-crash');
const CHILD = join(OUT_DIR, 'submit-crash-child.cjs');

interface Run extends ChildExit {
  acked: string[];
  ready: boolean;
}

/** Starts the child; SIGKILLs it `killAfterMs` after it said ready (null: lets it finish). */
async function runChild(env: NodeJS.ProcessEnv, killAfterMs: number | null): Promise<Run> {
  const seen: Pick<Run, 'acked' | 'ready'> = { acked: [], ready: false };
  const exit = await runChildLines(
    CHILD,
    { NODE_PATH: join(ROOT, 'node_modules'), ...env },
    {
      onLine: (line, kill) => {
        if (line === 'ready') {
          seen.ready = true;
          if (killAfterMs !== null) setTimeout(kill, killAfterMs);
        } else if (line !== 'done') seen.acked.push(line);
      },
    },
  );
  return { ...seen, ...exit };
}

let dir: string;
let dbFile: string;

beforeAll(async () => {
  mkdirSync(OUT_DIR, { recursive: true });
  await bundleChild(join(ROOT, 'main/proofs/submit-crash-child.ts'), CHILD);
  dir = mkdtempSync(join(tmpdir(), 'sd-submit-crash-'));
  dbFile = join(dir, 'app.db');
  const db = openDatabase(dbFile);
  saveTemplate(db, {
    template: { productId: PRODUCT, templateVersion: 3, items: ITEMS_V3 },
    etag: null,
    raw: null,
    fetchedAt: Date.now(),
  });
  const lines = Array.from({ length: LINES }, (_, i) => {
    const base = makeLine({
      orderId: `CS2504011200K${String(i).padStart(5, '0')}`,
      productId: PRODUCT,
      stage: 'awaiting_delivery',
    });
    return orderLine.parse({ ...base, templateVersion: 3 });
  });
  upsertOrderLines(db, lines);
  db.close();
  // A file large enough that a kill can land while the store reads and hashes it (P3: acceptance document).
  writeFileSync(join(dir, 'acceptance.pdf'), Buffer.concat([samplePdf('acceptance'), Buffer.alloc(1_500_000, 7)]));
  writeFileSync(
    join(dir, 'proof.json'),
    JSON.stringify({
      enablingTime: null,
      content: FULL_CONTENT,
      attachments: [{ category: 'acceptance', path: 'acceptance.pdf' }],
    }),
  );
}, 60_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface LineState {
  drafts: number;
  queued: number;
  outbox: number;
  linked: number;
}

/**
 * Per order line: drafts made, drafts queued, delivery rows in the outbox, and drafts pointing at a delivery row of
 * their line.
 */
function lineStates(): Map<string, LineState> {
  const db = openDatabase(dbFile);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = db
      .prepare(
        `SELECT l.order_line_id AS line,
                (SELECT count(*) FROM proof_drafts d WHERE d.order_line_id = l.order_line_id) AS drafts,
                (SELECT count(*) FROM proof_drafts d WHERE d.order_line_id = l.order_line_id AND d.state = 'queued') AS queued,
                (SELECT count(*) FROM outbox o WHERE o.order_line_id = l.order_line_id AND o.kind = 'delivery') AS outbox,
                (SELECT count(*) FROM proof_drafts d JOIN outbox o ON o.id = d.outbox_id
                  WHERE d.order_line_id = l.order_line_id AND o.order_line_id = l.order_line_id AND o.kind = 'delivery') AS linked
           FROM order_lines l`,
      )
      .all() as Array<LineState & { line: string }>;
    return new Map(rows.map((r) => [r.line, r]));
  } finally {
    db.close();
  }
}

describe('proof submit crash test (P4)', () => {
  it(`P4: SIGKILL during proof submit at ${KILL_POINTS} random points → each line has a complete queued delivery or nothing`, async () => {
    const random = seededRandom(Number(process.env.SELLER_DESK_CRASH_SEED ?? 777));
    const env = { SD_DB: dbFile, SD_DATA: dir, SD_FROM: join(dir, 'proof.json') };
    const acked = new Set<string>();
    let killed = 0;
    let unacknowledged = 0;
    const started = Date.now();
    for (let point = 0; point < KILL_POINTS; point++) {
      const run = await runChild(env, Math.floor(random() * 120));
      expect(run.stderr, `child error at kill point ${point}`).toBe('');
      if (run.signal === 'SIGKILL') killed++;
      for (const l of run.acked) acked.add(l);
      for (const [line, s] of lineStates()) {
        // Nothing half-made: no draft, or one queued draft linked to its one delivery row.
        const complete = s.drafts === 1 && s.queued === 1 && s.outbox === 1 && s.linked === 1;
        const nothing = s.drafts === 0 && s.outbox === 0;
        expect(complete || nothing, `${line} after kill point ${point}: ${JSON.stringify(s)}`).toBe(true);
        if (acked.has(line)) expect(complete, `acknowledged ${line} lost at kill point ${point}`).toBe(true);
      }
    }
    const states = lineStates();
    const done = [...states.values()].filter((s) => s.queued === 1).length;
    unacknowledged = done - acked.size;
    const last = await runChild(env, null);
    expect(last, last.stderr).toMatchObject({ code: 0 });
    const final = [...lineStates().values()];
    console.log(
      `proof submit crash: ${KILL_POINTS} kill points, ${killed} SIGKILLs landed, ${acked.size} acknowledged submissions, ` +
        `${unacknowledged} committed-but-unacknowledged, half-made 0, lost 0, doubled ${final.filter((s) => s.drafts > 1 || s.outbox > 1).length}; ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(final.every((s) => s.drafts === 1 && s.queued === 1 && s.outbox === 1 && s.linked === 1)).toBe(true);
    expect(killed).toBeGreaterThanOrEqual(KILL_POINTS / 2);
  }, 300_000);
});
