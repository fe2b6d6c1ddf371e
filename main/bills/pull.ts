// The bills feed (docs/marketplace-api.md "Feeds" → Bill) and the account (→ "Reference data"), pulled in the same
// SyncEngine run as the order lines: the shared cursor-feed loop (paging, one transaction per page with its cursor,
// 410 restart, retries, malformed items reported and skipped). Every revision is archived as received (B5).
import type { BillChange } from '../../common/api/contract-bills';
import { account as accountSchema, bill as billSchema, type WireBill } from '../../common/marketplace/wire';
import type { Db } from '../db/connection';
import { recordReject } from '../sync/sync-state';
import type { MarketplaceClient } from '../sync/client';
import { issuesText, pullCursorFeed, readFeedPage, type CursorFeed } from '../sync/feed';
import type { ExtraPull, ExtraPullResult } from '../sync/pull';
import { classify } from '../sync/retry';
import { MarketplaceError } from '../sync/errors';
import { saveAccount, storedRevisionCount, storeBillRevision } from './repo';

export const BILLS_FEED = 'bills';
/**
 * Bills asked for per page. A bill carries every line of its month (2,000 lines are about 0.7 MB of JSON), so a page of
 * 500 would pass the client's bound on an answer (MAX_JSON_BYTES) long before it ends; five keep a page of bills of up
 * to ~20,000 lines each within it.
 */
export const BILLS_PAGE_SIZE = 5;
export const ACCOUNT_PATH = '/api/seller-sync/v1/account';

export interface BillsPullDeps {
  db: Db;
  client: MarketplaceClient;
  /** Bills or revisions new to the archive, after each page committed (the `bills:changed` event). */
  onChanged?: (changes: BillChange[]) => void;
  /** The account could not be fetched (a definite refusal); the bills are pulled anyway. */
  onAccountError?: (err: unknown) => void;
}

export interface BillsPullResult extends ExtraPullResult {
  /** Revisions already stored but received with different content (kept as first received, reported). */
  conflicts: number;
  /** The account was fetched and stored. */
  account: boolean;
}

interface ReceivedBill {
  bill: WireBill;
  rawJson: string;
}

export async function pullBills(run: ExtraPull, deps: BillsPullDeps): Promise<BillsPullResult> {
  const { db } = deps;
  const account = await fetchAccount(run, deps);
  let received = 0;
  let duplicates = 0;
  let conflicts = 0;
  run.progress({ percent: null, bills: 0 });
  let pageChanges: BillChange[] = [];
  const feed: CursorFeed<ReceivedBill> = {
    name: BILLS_FEED,
    fetchPage: async (cursor, limit) =>
      readFeedPage(await deps.client.getBillsPage(cursor, limit), (item) => {
        const r = billSchema.safeParse(item);
        // The JSON exactly as received (unknown fields included) is what the archive keeps (B5).
        return r.success
          ? { ok: true, value: { bill: r.data, rawJson: JSON.stringify(item) } }
          : { ok: false, error: issuesText(r.error.issues) };
      }),
    store: (good, at) => {
      pageChanges = [];
      for (const g of good) {
        const outcome = storeBillRevision(db, { bill: g.bill, rawJson: g.rawJson, receivedAt: at });
        if (outcome === 'stored') {
          received++;
          pageChanges.push({
            billId: g.bill.billId,
            revision: g.bill.revision,
            billingPeriod: g.bill.billingPeriod,
            currency: g.bill.currency,
            isNew: storedRevisionCount(db, g.bill.billId) === 1,
          });
        } else if (outcome === 'duplicate') {
          duplicates++;
        } else {
          conflicts++;
          recordReject(
            db,
            BILLS_FEED,
            JSON.parse(g.rawJson),
            `B5: revision ${g.bill.revision} of bill ${g.bill.billId} was received before with different content; the first one received is kept`,
            at,
          );
        }
      }
    },
    committed: (_good, _result, hasMore) => {
      if (pageChanges.length > 0) deps.onChanged?.(pageChanges);
      run.progress({ percent: hasMore ? null : 100, bills: received });
    },
  };
  const r = await pullCursorFeed({ ...run.runner, pageSize: Math.min(run.runner.pageSize, BILLS_PAGE_SIZE) }, feed);
  return { pages: r.pages, received, duplicates, conflicts, skipped: r.skipped, restarted: r.restarted, account };
}

/** The account with its raw JSON; a definite refusal does not stop the bills, being offline does. */
async function fetchAccount(run: ExtraPull, deps: BillsPullDeps): Promise<boolean> {
  try {
    const res = await run.retrying(() => deps.client.request('GET', ACCOUNT_PATH));
    const parsed = accountSchema.safeParse(res.json);
    if (!parsed.success)
      throw new MarketplaceError({
        kind: 'parse',
        message: `unexpected account from the marketplace (${issuesText(parsed.error.issues)})`,
        body: res.json,
      });
    saveAccount(deps.db, {
      account: parsed.data,
      rawJson: JSON.stringify(res.json),
      fetchedAt: run.runner.clock.now(),
    });
    return true;
  } catch (err) {
    if (classify(err) !== 'fatal') throw err;
    deps.onAccountError?.(err);
    return false;
  }
}
