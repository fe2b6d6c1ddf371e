// Dev only: the channels for `vite dev` without a browser host. Drafts need the real main process (SQLite, the
// attachment store, the PDF generator): every call answers a typed "not available" error, so the pages show their
// calm error states. Never in a production build.
import type { SellerDeskApi } from '../../common/api/bridge';
import { proofsContract } from '../../common/api/contract-proofs';
import type { ProofsChannel } from '../../common/api/contract-proofs';
import { fail } from '../../common/api/result';

type ProofsApi = Pick<SellerDeskApi, ProofsChannel>;

export function createMockProofs(): ProofsApi {
  const unavailable = () =>
    Promise.resolve(fail('offline', 'Delivery proofs need the browser host (seller-desk serve).'));
  // Built from the channel list, so every proofs channel is present by construction.
  return Object.fromEntries(Object.keys(proofsContract).map((c) => [c, unavailable])) as unknown as ProofsApi;
}
