// The page reader's worker (page-reader.ts): reads each page it is sent as readOrderLinesPage does and answers twice,
// with the page's head (its cursor, as soon as the JSON is parsed) and then with the read page (null: not a clean
// page); a message that is not a page is answered with nothing (the main thread only sends pages).
import { parentPort } from 'node:worker_threads';
import { z } from 'zod';
import { readFeedPage, type ReadFeedPage } from './feed-items';
import { headOf, lineReadingNamed, orderLinesPageOf } from './order-lines-page';

const pageMessage = z.object({
  id: z.number().int(),
  bytes: z.instanceof(Uint8Array),
  as: z.enum(['received', 'staged']),
});

parentPort?.on('message', (m: unknown) => {
  const msg = pageMessage.safeParse(m);
  if (!msg.success) return;
  const { id, bytes, as } = msg.data;
  let page: ReadFeedPage<unknown> | null = null;
  try {
    const feedPage = orderLinesPageOf(bytes);
    // The next page's cursor first: the main thread asks for that page while this one's items are checked.
    if (feedPage) parentPort?.postMessage({ id, head: headOf(feedPage) });
    page = feedPage ? readFeedPage<unknown>(feedPage, lineReadingNamed(as).parseItem) : null;
  } catch {
    page = null; // the main thread reads it again and reports what is wrong
  }
  parentPort?.postMessage({ id, page });
});
