// Test support: the size of a soak (crash and fault tests that repeat one scenario many times). `npm test` runs them at
// a CI size so it stays under 5 minutes on a 2-core machine; `npm run soak` sets SELLER_DESK_SOAK=1 for the full size.

/** True under `npm run soak`. */
export const SOAK = process.env.SELLER_DESK_SOAK === '1';

/**
 * `ci` in `npm test`, `soak` under `npm run soak`; a positive number in the environment variable `override`
 * (e.g. SD_KILL_POINTS=500) wins over both, for one long local run.
 */
export function soakCount(ci: number, soak: number, override?: string): number {
  const given = override ? Number(process.env[override]) : NaN;
  if (Number.isInteger(given) && given > 0) return given;
  return SOAK ? soak : ci;
}
