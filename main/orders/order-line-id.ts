// Row ids in placement order (0010-order-lines.sql): id = placed_at * 1024 + n, n counting lines
// placed in the same millisecond. Rowid order is then placement order, so "newest first" is a walk
// of the table or of the FTS doclist by rowid that stops after one page (docs/architecture.md).
import type { Db } from '../db/connection';
import { perDb } from '../db/statement-cache';

export const ID_SLOTS_PER_MS = 1024;
/** Lines placed in one millisecond beyond 1024 borrow later slots, at most this far (one second). */
export const ID_MAX_SPILL = ID_SLOTS_PER_MS * 1000;
/** Keeps ids safe integers in JavaScript (placement times up to year 2248). */
const MAX_PLACED = Math.floor(Number.MAX_SAFE_INTEGER / ID_SLOTS_PER_MS) - 1001;

/** The first id a line placed at `placedAt` may take; absurd times are clamped so ids stay safe integers. */
export function idBase(placedAt: number): number {
  return Math.min(Math.max(0, Math.trunc(placedAt)), MAX_PLACED) * ID_SLOTS_PER_MS;
}

/** Smallest id that can hold any line placed at or after `placedAt` (a lower bound for date ranges). */
export function idLowerBound(placedAt: number): number {
  return idBase(placedAt);
}

/** An exclusive upper bound on the ids of lines placed before `placedAt`. */
export function idUpperBound(placedAtExclusive: number): number {
  return idBase(placedAtExclusive) + ID_MAX_SPILL;
}

const statements = perDb((db) => ({
  maxIn: db
    .prepare<[number, number], number | null>('SELECT max(id) FROM order_lines WHERE id >= ? AND id < ?')
    .pluck(),
  taken: db.prepare<[number], number>('SELECT 1 FROM order_lines WHERE id = ?').pluck(),
}));

/** The id for a new line placed at `placedAt`: the next free slot of its millisecond. */
export function allocateId(db: Db, placedAt: number): number {
  const s = statements(db);
  const base = idBase(placedAt);
  const last = s.maxIn.get(base, base + ID_SLOTS_PER_MS);
  if (last === null || last === undefined) return base;
  if (last < base + ID_SLOTS_PER_MS - 1) return last + 1;
  // More than 1024 lines in one millisecond (one huge order): borrow the following slots.
  for (let id = last + 1; id < base + ID_MAX_SPILL; id++) if (s.taken.get(id) === undefined) return id;
  throw new Error(
    `more than ${ID_MAX_SPILL} order lines placed within one second of ${new Date(placedAt).toISOString()}`,
  );
}
