// dispatch(): the envelope every channel answers with, whichever transport carries it (docs/architecture.md).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AppError } from '../../common/api/result';
import type { OrderPage } from '../../common/api/contract';
import type { Result } from '../../common/api/result';
import { dispatch, dispatchChannel, isChannel, type HandlerSource, type Handlers } from './dispatch';

function table(handler: () => unknown): Handlers {
  return new Proxy({} as Handlers, { get: () => handler });
}

describe('dispatch', () => {
  it('an unexpected failure answers internal with a generic sentence and an error id; the log keeps the error under that id', async () => {
    const logged: Array<{ message: string; err: unknown }> = [];
    const boom = new Error('SQLITE_CORRUPT: database disk image is malformed at /home/someone/profile/seller-desk.db');
    const r = await dispatch(
      table(() => {
        throw boom;
      }),
      'orders:get',
      { orderLineId: 'L1' },
      { error: (message, err) => logged.push({ message, err }) },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('internal');
    expect(r.error.message).not.toContain('SQLITE_CORRUPT');
    expect(r.error.message).not.toContain('/home/someone');
    const errorId = (r.error.details as { errorId: string }).errorId;
    expect(errorId).toMatch(/^[0-9a-f]{8}$/);
    expect(r.error.message).toContain(errorId);
    expect(logged).toEqual([{ message: expect.stringContaining(errorId), err: boom }]);
  });

  it('a typed AppError passes through with its code, message and details', async () => {
    const r = await dispatch(
      table(() => {
        throw new AppError('not_configured', 'not connected', { reason: 'db_recovery' });
      }),
      'sync:run',
      {},
    );
    expect(r).toEqual({
      ok: false,
      error: { code: 'not_configured', message: 'not connected', details: { reason: 'db_recovery' } },
    });
  });

  it('an unknown channel is not_found, and isChannel is what the browser host uses to choose 404', async () => {
    expect(isChannel('orders:list')).toBe(true);
    expect(isChannel('orders:drop-table')).toBe(false);
    expect(isChannel('toString')).toBe(false);
    expect(
      await dispatch(
        table(() => 1),
        'orders:drop-table',
        {},
      ),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('invalid input is validation naming the field, and the handler never runs', async () => {
    let ran = false;
    const r = await dispatch(
      table(() => {
        ran = true;
      }),
      'orders:get',
      { orderLineId: 42 },
    );
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringContaining('orderLineId') },
    });
    expect(ran).toBe(false);
  });

  it('a known channel answers with its own result type (checked by tsc: no cast between dispatch and the caller)', async () => {
    const page: OrderPage = { rows: [], total: 0 };
    const handlers = table(() => page);
    const answer = dispatchChannel(handlers, 'orders:list', {});
    expectTypeOf(answer).toEqualTypeOf<Promise<Result<OrderPage>>>();
    expect(await answer).toEqual({ ok: true, value: page });
  });

  it('a changing source: a channel missing from what serves now gets its `unavailable` error; a thrown error is seen by onThrow', async () => {
    const seen: unknown[] = [];
    const boom = new Error('SQLITE_CORRUPT');
    const source: HandlerSource = {
      serving: () => ({
        handlers: {
          'app:info': () => ({ version: '1.2.3', demo: true, transport: 'browser-host' }),
          'sync:run': () => {
            throw boom;
          },
        },
        onThrow: (err) => seen.push(err),
      }),
      unavailable: (channel) =>
        new AppError('conflict', `${channel}: the database needs recovery`, { reason: 'db_recovery' }),
    };
    expect(await dispatch(source, 'app:info', {})).toEqual({
      ok: true,
      value: { version: '1.2.3', demo: true, transport: 'browser-host' },
    });
    expect(await dispatch(source, 'orders:list', {})).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'orders:list: the database needs recovery',
        details: { reason: 'db_recovery' },
      },
    });
    expect(seen).toEqual([]);
    expect(await dispatch(source, 'sync:run', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(seen).toEqual([boom]);
  });
});
