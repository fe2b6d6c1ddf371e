// proofs:get only reads: a draft is judged against its order (P5) where the draft or the order changes — after a
// pull or import (service.ts), on create and on save — never when a window opens it. A save answers with the draft
// as judged, and the changed line is announced with its drafts' stamps (what the renderer compares to skip its echo).
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelInput, ChannelResult } from '../../common/api/contract';
import { dispatch } from '../api/dispatch';
import { draftHistory } from './drafts-repo';
import { createProofsHandlers, type ProofsHandlers } from './handlers';
import { LINE_ID, proofEnv, putOrder, type ProofEnv } from './testing/fixtures';

let env: ProofEnv;
let handlers: ProofsHandlers;
let announced: string[][];
beforeEach(() => {
  env = proofEnv();
  putOrder(env.db, { stage: 'awaiting_delivery' });
  announced = [];
  handlers = createProofsHandlers({
    db: env.db,
    clock: env.clock,
    store: env.store,
    exportsDir: path.join(env.dir, 'exports'),
    sellerName: async () => 'Northwind',
    changed: (lines) => announced.push(lines),
    outboxChanged: () => {},
  });
});
afterEach(() => env.close());

async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> {
  const r = await dispatch(handlers as never, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as ChannelResult<C>;
}

describe('proofs:get only reads (P5 judged where drafts and orders change)', () => {
  it('opening a draft whose order moved on writes nothing and announces nothing; the next save marks it in conflict', async () => {
    const draft = await call('proofs:create', { orderLineId: LINE_ID });
    putOrder(env.db, { stage: 'delivery_returned', version: 2 }); // the order moved on; no pull has judged the draft yet
    const history = draftHistory(env.db, draft.id).length;
    announced.length = 0;
    const opened = await call('proofs:get', { draftId: draft.id });
    expect(opened.draft.state).toBe('editing');
    expect(draftHistory(env.db, draft.id)).toHaveLength(history);
    expect(announced).toEqual([]);
    const saved = await call('proofs:save', { draftId: draft.id, patch: { content: { scope: 'ERP → cloud' } } });
    expect(saved).toMatchObject({ state: 'conflict', revision: 1, conflict: { cause: 'order_moved' } });
    expect(announced).toEqual([[LINE_ID]]);
  });

  it("creating a draft judges the line's other drafts against the order as cached now", async () => {
    const first = await call('proofs:create', { orderLineId: LINE_ID });
    putOrder(env.db, { stage: 'delivery_returned', version: 2 });
    await call('proofs:create', { orderLineId: LINE_ID });
    expect((await call('proofs:get', { draftId: first.id })).draft.state).toBe('conflict');
  });
});
