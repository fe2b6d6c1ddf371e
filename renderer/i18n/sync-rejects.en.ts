// English strings for the Sync Center's skipped feed items (SkippedItems.tsx); en.ts spreads them in.
export const syncRejectsEn = {
  'syncCenter.skipped.title': '{n} feed item skipped|{n} feed items skipped',
  'syncCenter.skipped.sub': 'the marketplace sent them malformed; they were not stored. Everything else was synced.',
  'syncCenter.skipped.noId': 'Item without an id',
  'syncCenter.skipped.feed.orderLines': 'Order lines feed',
  'syncCenter.skipped.feed.bills': 'Bills feed',
  'syncCenter.skipped.times': 'received {n} time|received {n} times',
};
