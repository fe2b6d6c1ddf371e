// When sync runs: at start, every N minutes, on demand, and when the network comes back.
// Offline is a normal state: shown once, then a cheap probe backs off quietly until the marketplace answers.
import type { PushSummary, SellerAccount, SyncProgress, SyncStatus } from '../../common/api/types';
import type { Clock } from './client';
import { describeError, MarketplaceError } from './errors';
import { credentialsFailure, syncFailureOf } from './failure';
import type { SyncEngine } from './pull';
import { classify, MAX_WAIT_MS, RETRY_AFTER_CAP_MS } from './retry';

export type SetTimer = (fn: () => void, ms: number) => { clear(): void };

export interface SyncSchedulerDeps {
  /** null when no marketplace is configured. */
  engine: () => SyncEngine | null;
  clock: Clock;
  intervalMs: () => number;
  onStatus: (s: SyncStatus) => void;
  countLines: () => number;
  /** The seller of the latest account snapshot (main/bills/repo.ts latestAccount); null before a sync stored one. */
  account?: () => SellerAccount | null;
  demo: boolean;
  setTimer?: SetTimer;
  /** True when the marketplace answers at all; defaults to the engine's probe. */
  probe?: () => Promise<boolean>;
  /** Offline probe delays: starts at baseMs, ×1.5 per failed probe, capped (default 15 s → 30 s). */
  probeDelay?: { baseMs: number; capMs: number };
  /**
   * A run pushes the outbox BEFORE it pulls. `retryAll` is true unless the regular timer started
   * the run (the user asked, the app started, or the network came back): waiting items are then due at once.
   */
  push?: (opts: { retryAll: boolean }) => Promise<PushSummary | null>;
}

/** Who started a run: the regular timer keeps the outbox's backoff; anything else retries every waiting item. */
export type SyncTrigger = 'demand' | 'timer';

type CoreStatus = Omit<SyncStatus, 'cachedLines' | 'demo' | 'account'>;

const IDLE: SyncProgress = { phase: 'idle', pages: 0, lines: 0, percent: null };
/** Progress events are coalesced so a 5,000-page first sync does not flood the renderer. */
const PROGRESS_EVERY_MS = 100;

/** setTimeout's own limit: beyond it Node warns (TimeoutOverflowWarning) and fires after 1 ms instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const defaultSetTimer: SetTimer = (fn, ms) => {
  const t = setTimeout(fn, Math.min(MAX_TIMER_MS, Math.max(0, ms)));
  t.unref?.(); // a pending sync must not keep the CLI alive
  return { clear: () => clearTimeout(t) };
};

export class SyncScheduler {
  private running: Promise<SyncStatus> | null = null;
  private timer: { clear(): void } | null = null;
  private started = false;
  private failedProbes = 0;
  private lastEmit = 0;
  private state: CoreStatus = {
    configured: false,
    online: false,
    syncing: false,
    lastSyncAt: null,
    lastContactAt: null,
    lastError: null,
    progress: IDLE,
    lastPush: null,
    failure: null,
  };

  constructor(private readonly deps: SyncSchedulerDeps) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.runNow();
  }

  stop(): void {
    this.started = false;
    this.clearTimer();
  }

  status(): SyncStatus {
    return {
      ...this.state,
      cachedLines: this.deps.countLines(),
      demo: this.deps.demo,
      account: this.deps.account?.() ?? null,
    };
  }

  /** On demand. Only one run at a time: while one runs, its promise is returned. Never rejects. */
  runNow(trigger: SyncTrigger = 'demand'): Promise<SyncStatus> {
    if (!this.running) {
      this.clearTimer();
      this.running = this.run(trigger).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  /** The OS says the network is back (Electron `online`): don't wait for the next probe. */
  notifyOnline(): void {
    if (!this.state.online && !this.running) void this.runNow();
  }

  /**
   * The marketplace answered an exchange with success (MarketplaceClient `onAnswered`), also outside a run: an outbox
   * send, a template pull. Shown as "Last sync"; during a run it is only noted (the run's end reports it).
   */
  answered(at: number): void {
    if (at <= (this.state.lastContactAt ?? 0)) return;
    if (this.state.syncing) this.state = { ...this.state, lastContactAt: at };
    else this.patch({ lastContactAt: at });
  }

  /** The interval setting changed: the next run is counted from now. */
  reschedule(): void {
    if (this.started && !this.running && this.state.online)
      this.schedule(() => void this.runNow('timer'), this.deps.intervalMs());
  }

  private async run(trigger: SyncTrigger): Promise<SyncStatus> {
    let engine: SyncEngine | null;
    try {
      engine = this.deps.engine();
    } catch (err) {
      // e.g. unreadable credentials: shown, never an unhandled rejection
      this.patch({
        configured: false,
        online: false,
        syncing: false,
        lastError: describeError(err),
        failure: credentialsFailure(err),
        progress: IDLE,
      });
      if (this.started) this.schedule(() => void this.runNow('timer'), this.deps.intervalMs());
      return this.status();
    }
    if (!engine) {
      this.patch({ configured: false, online: false, syncing: false, lastError: null, failure: null, progress: IDLE });
      if (this.started) this.schedule(() => void this.runNow('timer'), this.deps.intervalMs());
      return this.status();
    }
    this.patch({ configured: true, syncing: true, progress: { phase: 'orders', pages: 0, lines: 0, percent: null } });
    try {
      // The push comes first, and neither half stops the other: a push that throws still lets the
      // pull run, and a pull that fails (a broken feed) never holds the outbox back.
      if (this.deps.push) {
        try {
          this.state = { ...this.state, lastPush: await this.deps.push({ retryAll: trigger !== 'timer' }) };
        } catch {
          this.state = { ...this.state, lastPush: null };
        }
      }
      await engine.runOnce({ onProgress: (p) => this.progress(p) });
      this.failedProbes = 0;
      this.patch({
        online: true,
        syncing: false,
        lastSyncAt: this.deps.clock.now(),
        lastError: null,
        failure: null,
        progress: { ...this.state.progress, phase: 'done' },
      });
      if (this.started) this.schedule(() => void this.runNow('timer'), this.deps.intervalMs());
    } catch (err) {
      try {
        this.failed(err);
      } catch {
        // reported below: the run still ends
      }
    } finally {
      // Whatever happened above (a status listener that threw included), the app never stays "syncing".
      if (this.state.syncing) {
        this.state = {
          ...this.state,
          syncing: false,
          progress: { ...this.state.progress, phase: 'error', percent: null },
        };
        this.emit();
      }
    }
    return this.status();
  }

  private failed(err: unknown): void {
    const unreachable = err instanceof MarketplaceError && (err.kind === 'network' || err.kind === 'timeout');
    const progress: SyncProgress = { ...this.state.progress, phase: unreachable ? 'idle' : 'error', percent: null };
    if (unreachable) {
      // Offline: one status change, no error text, then quiet probing (no run, no event per probe).
      this.patch({ online: false, syncing: false, lastError: null, failure: null, progress });
      if (this.started) this.scheduleProbe();
      return;
    }
    // The status bar says why in words (docs/marketplace-api.md "Errors"), not "Online".
    this.patch({ online: true, syncing: false, lastError: describeError(err), failure: syncFailureOf(err), progress });
    if (!this.started) return;
    const kind = classify(err);
    // The marketplace asked for a pause longer than a run waits (retry.ts): come back then (at most a day later).
    if (kind === 'wait' && err instanceof MarketplaceError && err.retryAt !== undefined) {
      const ms = Math.min(MAX_WAIT_MS, Math.max(RETRY_AFTER_CAP_MS, err.retryAt - this.deps.clock.now()));
      this.schedule(() => void this.runNow('timer'), ms);
      return;
    }
    // 5xx/429 that outlasted the run's own retries: try again soon; anything else waits for the interval.
    if (kind === 'retry' || kind === 'wait') this.schedule(() => void this.runNow('timer'), this.nextProbeDelay());
    else this.schedule(() => void this.runNow('timer'), this.deps.intervalMs());
  }

  private scheduleProbe(): void {
    this.schedule(() => void this.probeOnce(), this.nextProbeDelay());
  }

  private async probeOnce(): Promise<void> {
    if (!this.started || this.running) return;
    let up = false;
    try {
      up = await (this.deps.probe ?? (() => this.deps.engine()?.probe() ?? Promise.resolve(false)))();
    } catch {
      up = false;
    }
    if (!this.started || this.running) return;
    if (up) void this.runNow();
    else this.scheduleProbe();
  }

  private nextProbeDelay(): number {
    const { baseMs, capMs } = this.deps.probeDelay ?? { baseMs: 15_000, capMs: 30_000 };
    const delay = Math.min(capMs, Math.round(baseMs * 1.5 ** Math.min(this.failedProbes, 20)));
    this.failedProbes++;
    return delay;
  }

  private progress(p: SyncProgress): void {
    const phaseChanged = p.phase !== this.state.progress.phase;
    this.state = { ...this.state, progress: p };
    const now = this.deps.clock.now();
    if (phaseChanged || now - this.lastEmit >= PROGRESS_EVERY_MS) this.emit();
  }

  private patch(p: Partial<CoreStatus>): void {
    this.state = { ...this.state, ...p };
    this.emit();
  }

  private emit(): void {
    this.lastEmit = this.deps.clock.now();
    try {
      this.deps.onStatus(this.status());
    } catch {
      // A listener's failure is its own; the run's state must still move on (never stuck "syncing").
    }
  }

  private schedule(fn: () => void, ms: number): void {
    this.clearTimer();
    this.timer = (this.deps.setTimer ?? defaultSetTimer)(() => {
      this.timer = null;
      fn();
    }, ms);
  }

  private clearTimer(): void {
    this.timer?.clear();
    this.timer = null;
  }
}
