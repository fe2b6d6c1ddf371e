// details.reason is a closed union (ERROR_REASONS): reading it checks the list (details cross a process boundary),
// and writing an unlisted reason does not compile (the @ts-expect-error lines fail `tsc` if it ever does).
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_REASONS, detailsOf, externalDetails, fail, reasonOf } from './result';

describe('error reasons', () => {
  it('reasonOf answers a listed reason and nothing else', () => {
    expect(reasonOf({ details: { reason: 'appeal_open', stage: 'awaiting_delivery' } })).toBe('appeal_open');
    expect(reasonOf({ details: [{ path: 'reason', message: 'required' }] })).toBeNull();
    expect(reasonOf({})).toBeNull();
    const wire: unknown = JSON.parse('{"reason":"from_a_newer_main"}');
    expect(reasonOf({ details: externalDetails(wire) })).toBeNull();
    expect(detailsOf({ details: [{ path: 'x', message: 'y' }] })).toEqual({});
  });

  it('an unlisted reason is a compile error; listed ones are declared once', () => {
    // @ts-expect-error 'no_such_reason' is not in ERROR_REASONS
    const e = new AppError('conflict', 'x', { reason: 'no_such_reason' });
    // @ts-expect-error the same for a failure built directly
    const f = fail('validation', 'y', { reason: 'nope' });
    expect(e.code).toBe('conflict');
    expect(f.ok).toBe(false);
    expect(new Set(ERROR_REASONS).size).toBe(ERROR_REASONS.length);
  });

  it("the marketplace's error body is kept as facts, without a reason that is not ours", () => {
    expect(
      externalDetails({ resultCode: 'MKT.0100', fields: [{ field: 'reason', message: 'too long' }], reason: 'x' }),
    ).toEqual({
      resultCode: 'MKT.0100',
      fields: [{ field: 'reason', message: 'too long' }],
    });
    expect(externalDetails('plain text')).toEqual({ body: 'plain text' });
    expect(externalDetails(undefined)).toBeUndefined();
  });
});
