// The desktop auto-update (electron-updater, a generic feed): what the window's banner shows and the restart that
// never leaves seller actions or a draft behind. Declared once like contract.ts, which spreads it in.
import { z } from 'zod';
import { channel, result } from './channel';

/**
 * `unsupported`: this host does not update itself (the browser host, the CLI, an unpackaged run).
 * `downloading`: a newer version was found and is being fetched in the background; `ready`: it can be installed.
 * `restarting`: quitAndInstall was asked for.
 */
export const UPDATE_PHASES = [
  'unsupported',
  'idle',
  'checking',
  'up-to-date',
  'downloading',
  'ready',
  'restarting',
  'error',
] as const;
export type UpdatePhase = (typeof UPDATE_PHASES)[number];

/** Stable codes the window translates; `message` keeps electron-updater's own words for the log and the CLI. */
export const UPDATE_ERROR_CODES = [
  'feed_url',
  'feed_missing',
  'feed_invalid',
  'unreachable',
  'http',
  'checksum',
  'install',
  'other',
] as const;
export type UpdateErrorCode = (typeof UPDATE_ERROR_CODES)[number];

export interface UpdateError {
  code: UpdateErrorCode;
  /** One English sentence, e.g. "the update feed's latest.yml is not valid". */
  message: string;
}

export interface UpdateStatus {
  phase: UpdatePhase;
  currentVersion: string;
  /** The feed's version: the one downloading or ready, or the latest when up to date; null before a check answered. */
  version: string | null;
  /** Download progress 0–100 while downloading. */
  percent: number | null;
  /** Set in phase `error`. */
  error: UpdateError | null;
  /** When the feed last answered (UTC ms). */
  checkedAt: number | null;
  /** When a check was last asked for (UTC ms): a new one brings back a banner the user closed. */
  requestedAt: number | null;
  /** The last check was asked for (the menu): the window also says "up to date" or why the check failed. */
  manual: boolean;
  /** "Restart when sent" was chosen: the unsent actions the restart waits for; null when not waiting. */
  waitingFor: number | null;
  /** The outbox is empty and the restart is about to happen: the window saves a pending draft and confirms. */
  confirmRestart: boolean;
}

/** `now`: only if nothing is unsent; `anyway`: the user accepted the risk; `when-sent`: once the outbox is empty. */
export const RESTART_MODES = ['now', 'anyway', 'when-sent'] as const;
export type RestartMode = (typeof RESTART_MODES)[number];

export interface RestartAnswer {
  /** quitAndInstall was called: the app is going away. */
  restarting: boolean;
  /** `when-sent` was accepted: the restart waits for the outbox. */
  waiting: boolean;
  /** Outbox items in queued / sending / unknown when asked. */
  unsentActions: number;
  /** The window said a draft edit could not be saved. */
  unsavedDraft: boolean;
  /** Why not now, in English ("3 actions not yet sent to the marketplace"); null when restarting. */
  message: string | null;
}

const empty = z.object({}).strict();

export const updatesInputs = {
  restart: z
    .object({
      mode: z.enum(RESTART_MODES).default('now'),
      /** The window flushes a draft's pending autosave before asking; true when that save did not go through. */
      unsavedDraft: z.boolean().default(false),
    })
    .strict(),
};

/** The channel table part for updates. */
export const updatesContract = {
  'update:status': channel(empty, result<UpdateStatus>()),
  'update:check': channel(empty, result<UpdateStatus>()),
  'update:restart': channel(updatesInputs.restart, result<RestartAnswer>()),
  'update:cancel-restart': channel(empty, result<UpdateStatus>()),
} as const;

export type UpdatesChannel = keyof typeof updatesContract;

export interface UpdatesEvents {
  'update:status': UpdateStatus;
}
