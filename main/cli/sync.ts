// `seller-desk sync`: one run — the outbox pushed first, then the pull — and a
// summary: a `Pushed:` line when there was anything to send, then the one-line `Synced:` summary.
import type { PushSummary } from '../../common/api/types';
import { COMMON_OPTIONS, dataDirOf, parse, PROFILE_OPTION } from './args';
import { call, withServices } from './context';
import { CliFailure } from './errors';
import type { CliIo } from './io';
import { COMMAND_USAGE } from './usage';

const OPTIONS = { ...COMMON_OPTIONS, ...PROFILE_OPTION } as const;
/** The run succeeded but skipped malformed items (usage.ts "Exit status"). */
export const SKIPPED_EXIT = 3;

export async function runSync(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE.sync;
  const { values } = parse(argv, OPTIONS, usage);
  return withServices(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (services) => {
    const status = await call(services, 'sync:run', {});
    if (!status.configured)
      throw new CliFailure(
        'not connected to a marketplace: run `seller-desk account set --endpoint URL --ak AK --sk-stdin` first',
      );
    const push = status.lastPush ?? null;
    if (!status.online) {
      const { unsent } = await call(services, 'outbox:summary', {});
      const { endpoint } = await call(services, 'settings:get', {});
      const waiting =
        unsent > 0
          ? `; ${unsent} queued action${unsent === 1 ? '' : 's'} wait${unsent === 1 ? 's' : ''} to be sent`
          : '';
      throw new CliFailure(
        `the marketplace at ${endpoint ?? '?'} cannot be reached; ${status.cachedLines} order lines stay cached${waiting}`,
      );
    }
    // The outbox is pushed before the pull; say what it did whenever there was anything to send.
    if (push && (push.sent > 0 || push.waiting > 0)) io.out(pushLine(push));
    if (status.lastError) throw new CliFailure(`sync failed: ${status.lastError}`);
    const { pages, lines } = status.progress;
    // B5: the bills feed is pulled in the same run; say how many new bills or revisions it archived.
    const bills = status.progress.bills;
    const billsPart = bills === undefined ? '' : `; ${bills} new bill revision${bills === 1 ? '' : 's'} archived`;
    io.out(
      `Synced: ${lines} order line${lines === 1 ? '' : 's'} received in ${pages} page${pages === 1 ? '' : 's'}; ${status.cachedLines} cached${billsPart}.`,
    );
    // Malformed feed items were reported and skipped: say so on stderr and exit 3 (the README's exit status line).
    const skipped = status.progress.skipped ?? 0;
    if (skipped > 0) {
      io.err(
        `${skipped} item${skipped === 1 ? '' : 's'} skipped: malformed in the marketplace's feed (listed in the app's Sync Center).`,
      );
      return SKIPPED_EXIT;
    }
    return 0;
  });
}

export function pushLine(p: PushSummary): string {
  const parts = [
    `${p.acked} acked`,
    `${p.rejected} rejected`,
    `${p.conflict} in conflict`,
    `${p.waiting} still waiting`,
  ];
  const hint = p.rejected + p.conflict > 0 ? " (see 'seller-desk outbox list')" : '';
  return `Pushed: ${p.sent} action request${p.sent === 1 ? '' : 's'} sent; ${parts.join(', ')}${hint}.`;
}
