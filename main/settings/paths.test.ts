// One data folder per OS, computed without Electron; the account and the demo never share one.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { defaultDataDir, profilePaths } from './paths';

describe('data folders', () => {
  it('uses the OS app-data folder', () => {
    expect(
      defaultDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, home: 'C:\\Users\\a' }),
    ).toBe(join('C:\\Users\\a\\AppData\\Roaming', 'Seller Desk'));
    expect(defaultDataDir({ platform: 'darwin', env: {}, home: '/Users/a' })).toBe(
      '/Users/a/Library/Application Support/Seller Desk',
    );
    expect(defaultDataDir({ platform: 'linux', env: {}, home: '/home/a' })).toBe('/home/a/.config/seller-desk');
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/x' }, home: '/home/a' })).toBe(
      '/x/seller-desk',
    );
    expect(defaultDataDir({ platform: 'linux', env: { SELLER_DESK_DATA_DIR: '/d' }, home: '/home/a' })).toBe('/d');
  });

  it('keeps the demo profile apart from the account profile', () => {
    const account = profilePaths('/data', false);
    const demo = profilePaths('/data', true);
    expect(account.db).toBe('/data/account/seller-desk.db');
    expect(demo.db).toBe('/data/demo/seller-desk.db');
    expect(demo.simulatorDb).toBe('/data/demo/marketplace-sim.db');
    expect(account.credentials.startsWith(account.dir)).toBe(true);
    expect(demo.credentials.startsWith(demo.dir)).toBe(true);
  });
});
