// English UI strings for a failing connection: the status bar's "Sync failed: …" and Settings' "Test connection"
// (docs/marketplace-api.md "Errors"); en.ts spreads them in. `{status}` is the HTTP status.
import type { SyncFailure } from '../../common/api/types';

/** Every failure kind has its words (a new kind without them is a type error). */
type FailureKeys = `failure.${SyncFailure['kind']}`;

export const connectionEn = {
  'failure.unauthorized': 'the marketplace refused the access key ({status})',
  'failure.forbidden': 'the marketplace denied this account access ({status})',
  'failure.refused': 'the marketplace refused the request ({status})',
  'failure.server': 'the marketplace is having trouble ({status})',
  'failure.unreadable': "the marketplace's answer could not be read — check the endpoint",
  'failure.unreachable': 'the marketplace cannot be reached — check the endpoint and the network',
  'failure.credentials': 'the stored access key cannot be read',
  'failure.unconfigured': 'no endpoint, AK and SK are set',
  'failure.other': 'unexpected error: {message}',

  'status.syncFailedBecause': 'Sync failed: {reason}',
  'status.checkSettings': 'check Settings',

  'settings.test': 'Test connection',
  'settings.testing': 'Testing…',
  'settings.testHint': 'Sends one signed request for the account with the saved endpoint, AK and SK.',
  'settings.testSaveFirst': 'Save your changes first: the test uses what is saved.',
  'settings.connectedAs': 'Connected as {name} (seller ID {id})',
  'settings.testFailed': 'Not connected: {reason}',

  // Where the SK is kept (main/settings/credential-store.ts): Electron's safeStorage, or a 0600 file.
  'settings.skHintElectron': 'Encrypted with the system keychain on this computer and never shown again.',
  'settings.skHintFile': 'Kept in a file only your user can read (0600) in the data folder, and never shown again.',
  'settings.skHintUnknown': 'Never shown again once saved.',

  'settings.account': 'Account',
  'settings.sellerName': 'Seller',
  'settings.sellerId': 'Seller ID',
  'settings.accountUnknown': 'Shown after the first sync with the saved connection.',
  'settings.accountAsOf': 'As the marketplace reported it at {time}.',
  'status.accountTitle': 'Connected seller (seller ID {id})',
} as const satisfies Record<FailureKeys, string> & Record<string, string>;
