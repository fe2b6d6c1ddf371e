// P4: a draft survives a crash or forced quit at any moment. A child process saves edits as fast as it can and
// prints each edit id once saveDraft returned; the parent SIGKILLs it at random points (20 in `npm test`, 600 in
// `npm run soak`, SELLER_DESK_KILL_POINTS=N for another count) and after every kill checks that each acknowledged edit
// is in the draft, the draft is exactly the state after its last committed edit, and PRAGMA integrity_check is ok.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleChild } from '../testing/bundle-child';
import { runChildLines, type ChildExit } from '../testing/run-child';
import { soakCount } from '../testing/soak';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { createDraft } from './drafts';
import { getDraft } from './drafts-repo';
import { expectedAfter } from './draft-crash-edits';
import { addFile, idSeq, LINE_ID, proofEnv, putOrder, seededRandom, type ProofEnv } from './testing/fixtures';

const KILL_POINTS = soakCount(20, 600, 'SELLER_DESK_KILL_POINTS');
const ROOT = resolve(__dirname, '..', '..');
// Inside node_modules so the bundle resolves better-sqlite3; outside dist/ so `npm run build` is untouched.
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'seller-desk-draft-crash');
const CHILD = join(OUT_DIR, 'draft-crash-child.cjs');

interface Run extends ChildExit {
  acked: number[];
  ready: number | null;
}

/**
 * Starts the child and SIGKILLs it `killAfterMs` after it said ready (or at once, while it is starting, if negative).
 */
async function runChild(env: NodeJS.ProcessEnv, killAfterMs: number): Promise<Run> {
  const seen: Pick<Run, 'acked' | 'ready'> = { acked: [], ready: null };
  const exit = await runChildLines(CHILD, env, {
    onStart: (kill) => {
      if (killAfterMs < 0) setTimeout(kill, -killAfterMs);
    },
    onLine: (line, kill) => {
      if (line.startsWith('ready ')) {
        seen.ready = Number(line.slice(6));
        if (killAfterMs >= 0) setTimeout(kill, killAfterMs);
      } else if (/^\d+$/.test(line)) seen.acked.push(Number(line));
    },
  });
  return { ...seen, ...exit };
}

let env: ProofEnv;
let files: string[];
let draftId: string;

beforeAll(async () => {
  mkdirSync(OUT_DIR, { recursive: true });
  await bundleChild(join(ROOT, 'main/proofs/draft-crash-child.ts'), CHILD);
  env = proofEnv();
  putOrder(env.db);
  files = [];
  for (const name of ['a.pdf', 'b.pdf', 'c.pdf']) files.push((await addFile(env.store, 'acceptance', name)).sha256);
  draftId = createDraft(env.db, { orderLineId: LINE_ID }, { clock: env.clock, newId: idSeq('crash') }).id;
  env.db.close();
});
afterAll(() => env?.close());

describe('draft crash test (P4)', () => {
  it(
    `P4: SIGKILL during saves at ${KILL_POINTS} random points → every acknowledged edit survives, integrity ok`,
    async () => {
      const random = seededRandom(Number(process.env.SELLER_DESK_CRASH_SEED ?? 4242));
      const childEnv = { SD_DB: env.file, SD_DRAFT: draftId, SD_FILES: files.join(',') };
      let maxAcked = 0;
      let totalAcked = 0;
      let committedUnacked = 0;
      let duringStartup = 0;
      const started = Date.now();
      for (let point = 0; point < KILL_POINTS; point++) {
        // Every 8th kill lands while the child starts (opening the database, replaying the WAL); the rest mid-save.
        const startup = point % 8 === 7;
        const run = await runChild(childEnv, startup ? -Math.floor(5 + random() * 60) : Math.floor(random() * 80));
        expect(run.stderr, `child error at kill point ${point}`).toBe('');
        expect(run.signal, `child was not killed at point ${point} (exit ${run.code})`).toBe('SIGKILL');
        if (run.ready === null) duringStartup++;
        // The child continued from exactly the last committed edit (it checks each revision itself).
        if (run.ready !== null) expect(run.ready).toBeGreaterThanOrEqual(maxAcked);
        totalAcked += run.acked.length;
        if (run.acked.length) maxAcked = Math.max(maxAcked, run.acked[run.acked.length - 1]);

        const db = openDatabase(env.file);
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          const d = getDraft(db, draftId)!;
          // Every acknowledged edit is there; at most the one edit in flight at the kill committed unacknowledged.
          expect(d.revision).toBeGreaterThanOrEqual(maxAcked);
          expect(d.revision - maxAcked).toBeLessThanOrEqual(1);
          committedUnacked += d.revision - maxAcked;
          // Nothing partial: the draft is exactly the state after edits 1..revision.
          const want = expectedAfter(d.revision, files);
          expect(d.content).toEqual(want.content);
          expect(d.enablingTime).toBe(want.enablingTime);
          expect(d.attachments).toEqual(want.attachments);
          maxAcked = d.revision;
        } finally {
          db.close();
        }
      }
      console.log(
        `draft crash test: ${KILL_POINTS} kill points (${duringStartup} during start-up), ${totalAcked} acknowledged edits, ` +
          `${committedUnacked} committed-but-unacknowledged, final revision ${maxAcked}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(totalAcked).toBeGreaterThan(KILL_POINTS);
    },
    Math.max(180_000, KILL_POINTS * 1_500),
  ); // ~0.35 s a kill point; room for a slower machine
});
