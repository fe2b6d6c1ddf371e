// A bridge for store tests: the channels a test gives, typed as the real ones; any other channel, if the store calls
// it, fails the test with its name (instead of "not a function").
import type { SellerDeskApi } from '../../../common/api/bridge';

export function stubApi(channels: Partial<SellerDeskApi>): SellerDeskApi {
  return new Proxy(channels, {
    get(target, key) {
      if (key in target) return target[key as keyof SellerDeskApi];
      return () => {
        throw new Error(`the store called ${String(key)}, which this test does not stub`);
      };
    },
  }) as SellerDeskApi; // every other member answers as above
}
