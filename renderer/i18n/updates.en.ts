// English UI strings for the desktop auto-update banner; en.ts spreads them in. `one|other` pairs are plurals by `{n}`.
import type { UPDATE_ERROR_CODES } from '../../common/api/contract-updates';

type Each<P extends string, T extends readonly string[]> = `${P}.${T[number]}`;
/** Every error code main reports has words (a new code without them is a type error). */
type UpdateEnumKeys = Each<'update.error', typeof UPDATE_ERROR_CODES>;

export const updatesEn = {
  'update.region': 'App update',
  'update.checking': 'Checking for updates…',
  'update.upToDate': 'Seller Desk {version} is up to date.',
  'update.downloading': 'Downloading version {version}… {percent}%',
  'update.ready': 'Version {version} is ready — Restart to update',
  'update.restart': 'Restart to update',
  'update.later': 'Later',
  'update.blocked': 'Version {version} is ready, but restarting now would leave work behind:',
  'update.unsent': '{n} action not yet sent to the marketplace|{n} actions not yet sent to the marketplace',
  'update.unsavedDraft': 'a draft edit is not saved',
  'update.restartAnyway': 'Restart anyway',
  'update.restartWhenSent': 'Restart when sent',
  'update.waiting':
    'Version {version} will be installed once {n} action is sent to the marketplace.|Version {version} will be installed once {n} actions are sent to the marketplace.',
  'update.dontWait': 'Don’t wait',
  'update.restarting': 'Restarting to install version {version}…',
  'update.failed': 'Could not update: {reason}.',
  'update.retry': 'Try again',
  'update.close': 'Close',
  'update.error.feed_url': 'SELLER_DESK_UPDATE_URL is not an http(s) address',
  'update.error.feed_missing': 'the update server has no update for this system',
  'update.error.feed_invalid': 'the update information on the server is not valid',
  'update.error.unreachable': 'the update server cannot be reached',
  'update.error.http': 'the update server answered with an error',
  'update.error.checksum': 'the download was damaged (checksum mismatch) and was discarded',
  'update.error.install': 'the update could not be installed',
  'update.error.other': 'something went wrong',
} as const satisfies Record<UpdateEnumKeys, string> & Record<string, string>;
