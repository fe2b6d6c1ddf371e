// The thin progress bar of long work (a sync, an upload, an export): `percent` 0–100, or null when the total is not
// known yet (an indeterminate bar); `label` says what is in progress, for screen readers.
export function ProgressBar({ percent, label }: { percent: number | null; label: string }) {
  return (
    <span
      className={percent === null ? 'bar indeterminate' : 'bar'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
    >
      <span style={percent === null ? undefined : { width: `${percent}%` }} />
    </span>
  );
}

/** Done of total as a whole percentage (0–100), or null when the total is not known (0). */
export function percentOf(done: number, total: number): number | null {
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null;
}
