// docs/marketplace-api.md "Idempotency": the server remembers each (seller, Idempotency-Key) with a hash of
// the request. The same key with the same request replays the first answer (same status and body, header
// `Idempotent-Replayed: true`) without acting twice; with a different request, 422 MKT.2010; while the first is
// still running, 409 MKT.2011. Seller actions require the header.
import { createHash } from 'node:crypto';
import { RESULT } from '../common/marketplace/wire';
import type { SimContext } from './context';
import { SimError, type SimResponse } from './responses';
import type { RouteRequest } from './router';
import type { IdempotencyGate } from './server';

interface IdemRow {
  request_hash: string;
  status: number;
  response: string;
}

const KEY = /^[A-Za-z0-9._~:-]{8,128}$/;

export function createIdempotencyGate(ctx: SimContext): IdempotencyGate {
  // Keys whose first request is running now (per simulator instance, never module-level).
  const inFlight = new Set<string>();
  const db = ctx.store.db;
  const find = db.prepare(
    'SELECT request_hash, status, response FROM idempotency WHERE seller_id = ? AND idem_key = ?',
  );
  const save = db.prepare(
    'INSERT OR IGNORE INTO idempotency (seller_id, idem_key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return {
    begin(req: RouteRequest) {
      const raw = req.headers['idempotency-key'];
      const key = Array.isArray(raw) ? raw[0] : raw;
      if (!key) throw new SimError(400, RESULT.badParam, 'the Idempotency-Key header is required on seller actions');
      if (!KEY.test(key)) throw new SimError(400, RESULT.badParam, 'Idempotency-Key must be 8–128 characters (a UUID)');
      const sellerId = req.seller?.sellerId ?? '';
      const hash = createHash('sha256').update(`${req.method}\n${req.path}\n`).update(req.body).digest('hex');
      const slot = `${sellerId}\n${key}`;
      const prev = find.get(sellerId, key) as IdemRow | undefined;
      if (prev) {
        if (prev.request_hash !== hash)
          throw new SimError(422, RESULT.idempotencyMismatch, 'this Idempotency-Key was used with a different request');
        const replay: SimResponse = {
          status: prev.status,
          headers: { 'Idempotent-Replayed': 'true' },
          body: prev.response,
          rawJson: true,
        };
        return { replay };
      }
      if (inFlight.has(slot))
        throw new SimError(
          409,
          RESULT.idempotencyInFlight,
          'a request with this Idempotency-Key is still being processed; retry later',
        );
      inFlight.add(slot);
      return {
        finish(res: SimResponse) {
          inFlight.delete(slot);
          // A 5xx is not an answer worth replaying: the action did not happen, a retry may run it.
          if (res.status >= 500) return;
          const body = res.rawJson ? String(res.body) : JSON.stringify(res.body);
          save.run(sellerId, key, hash, res.status, body, ctx.clock.now());
        },
        abort() {
          inFlight.delete(slot);
        },
      };
    },
  };
}
