// Dev only: the database channels in memory for `vite dev` — a healthy database with three backups; `?db=damaged` in
// the address shows the recovery screen (docs/architecture.md "Data"). Never in a production build.
import type { SellerDeskApi } from '../../common/api/bridge';
import type { DbBackup, DbChannel, DbStatus } from '../../common/api/contract-db';
import { ok } from '../../common/api/result';

type DbApi = Pick<SellerDeskApi, DbChannel>;

export function createMockDb(now: number, damaged: boolean): DbApi {
  const day = 24 * 60 * 60 * 1000;
  const backups: DbBackup[] = [0, 1, 2].map((i) => ({
    name: `backup-2025040${7 - i}-030000-000-${i === 2 ? 'migration' : 'daily'}.db`,
    createdAt: now - i * day - 3 * 60 * 60 * 1000,
    bytes: 48_000_000 - i * 250_000,
    reason: i === 2 ? 'migration' : 'daily',
  }));
  let status: DbStatus = {
    state: damaged ? 'needs_recovery' : 'ok',
    problem: damaged
      ? {
          kind: 'empty',
          message: 'the database seller-desk.db is empty (0 bytes), though this folder held data (marker, backups)',
        }
      : null,
    evidence: damaged ? ['marker', 'backups'] : [],
    backups,
    rowProblems: [],
  };
  const delay = <T>(v: T, ms = 40) => new Promise<T>((r) => setTimeout(() => r(v), ms));
  const healthy = (): DbStatus => (status = { ...status, state: 'ok', problem: null });
  return {
    'db:status': () => delay(ok(status)),
    'db:backups': () => delay(ok(backups)),
    'db:backup': () => delay(ok(backups[0])),
    'db:restore': ({ name }) => {
      healthy();
      return delay(
        ok({ restoredFrom: backups.find((b) => b.name === name) ?? backups[0], keptAs: 'damaged-20250407-090000.db' }),
        600,
      );
    },
    'db:recover': () => {
      healthy();
      return delay(
        ok({
          at: now,
          damagedFile: 'damaged-20250407-090000.db',
          backupUsed: backups[0],
          tables: [
            { table: 'outbox', saved: 12, fromBackup: 1, lost: 1 },
            { table: 'proof_drafts', saved: 4, fromBackup: 0, lost: 1 },
          ],
          lostDrafts: [
            {
              id: 'd-42',
              label: 'April deployment',
              orderLineId: 'CS2504011200ABCDE-000001',
              code: 'bad_json',
              reason: 'its stored content_json is not valid JSON',
            },
          ],
          lostActions: [
            {
              id: 'a-17',
              kind: 'request.accept',
              orderLineId: 'CS2504011200ABCDE-000002',
              code: 'damaged_page',
              reason: 'it is on a damaged page of the database',
            },
          ],
          orderLinesToRepull: 300,
          notes: [],
          reportFile: 'recovery-20250407-090000.json',
        }),
        900,
      );
    },
  };
}
