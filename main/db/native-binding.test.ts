import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bindingCandidates,
  chooseBinding,
  currentRuntime,
  NativeModuleMismatchError,
  openSqlite,
  readBindingAbi,
  readBindingAbiFile,
  sqliteBinding,
  type RuntimeAbi,
} from './native-binding';

const packageDir = dirname(createRequire(join(process.cwd(), 'package.json')).resolve('better-sqlite3/package.json'));
const prebuilt = (target: string) => join(packageDir, 'prebuilds', `${target}.node`);

const NODE_22: RuntimeAbi = { modules: 127, napi: 10, node: '22.23.5' };
const NODE_20: RuntimeAbi = { modules: 115, napi: 9, node: '20.20.2' };
const ELECTRON_39: RuntimeAbi = { modules: 140, napi: 10, node: '22.20.0', electron: '39.8.10' };

/** A module's bytes as a linker leaves them: code, then the NUL-terminated export names in the string table. */
function fakeModule(...exported: string[]): Buffer {
  return Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
    Buffer.alloc(64),
    ...exported.map((n) => Buffer.from(`\0${n}\0`, 'latin1')),
  ]);
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A better-sqlite3 folder whose local build is for Node 20, with the real Node-API prebuild, and an Electron build. */
function layout(): { pkg: string; electron: string } {
  const root = mkdtempSync(join(tmpdir(), 'sd-native-'));
  dirs.push(root);
  const pkg = join(root, 'node_modules', 'better-sqlite3');
  mkdirSync(join(pkg, 'build', 'Release'), { recursive: true });
  mkdirSync(join(pkg, 'prebuilds'), { recursive: true });
  writeFileSync(
    join(pkg, 'build', 'Release', 'better_sqlite3.node'),
    fakeModule('node_register_module_v115', 'napi_create_object'),
  );
  copyFileSync(prebuilt('linux-x64'), join(pkg, 'prebuilds', 'linux-x64.node'));
  const electron = join(root, '.electron-native', 'node_modules', 'better-sqlite3');
  mkdirSync(join(electron, 'build', 'Release'), { recursive: true });
  writeFileSync(join(electron, 'build', 'Release', 'better_sqlite3.node'), fakeModule('node_register_module_v140'));
  return { pkg, electron };
}

describe('the ABI a native module exports', () => {
  it.each([
    ['linux-x64', 'ELF'],
    ['darwin-arm64', 'Mach-O'],
    ['win32-x64', 'PE'],
  ])('better-sqlite3 prebuild %s (%s) is a Node-API module', (target) => {
    expect(readBindingAbiFile(prebuilt(target))).toEqual({ kind: 'napi' });
  });

  it('a module built for one runtime exports node_register_module_vNNN, even when it also imports Node-API', () => {
    expect(readBindingAbi(fakeModule('node_register_module_v115'))).toEqual({ kind: 'node', modules: 115 });
    expect(readBindingAbi(fakeModule('napi_register_module_v1', 'node_register_module_v140'))).toEqual({
      kind: 'node',
      modules: 140,
    });
  });

  it('a file that is no Node module reads as unknown', () => {
    expect(readBindingAbi(Buffer.from('just some text, register_module'))).toEqual({ kind: 'unknown' });
  });

  it('the binary this test run loads is the Node-API one, on Node 22 (ABI 127)', () => {
    expect(currentRuntime().modules).toBe(127);
    expect(Number(process.versions.node.split('.')[0])).toBe(22);
    expect(readBindingAbiFile(sqliteBinding())).toEqual({ kind: 'napi' });
    const db = openSqlite(':memory:');
    expect(db.prepare('SELECT 1 + 1 AS two').get()).toEqual({ two: 2 });
    db.close();
  });
});

describe('the loader picks the binary the runtime can load', () => {
  it('Electron 39 takes its own build (ABI 140) before the shared ones', () => {
    const { pkg, electron } = layout();
    const file = chooseBinding(
      bindingCandidates({ packageDir: pkg, electronBuildDir: electron, platform: 'linux', arch: 'x64' }),
      ELECTRON_39,
    );
    expect(file).toBe(join(electron, 'build', 'Release', 'better_sqlite3.node'));
  });

  it('Electron without its own build takes the Node-API prebuild, skipping a local build for Node 20', () => {
    const { pkg } = layout();
    const file = chooseBinding(bindingCandidates({ packageDir: pkg, platform: 'linux', arch: 'x64' }), ELECTRON_39);
    expect(file).toBe(join(pkg, 'prebuilds', 'linux-x64.node'));
  });

  it('Node 22 never takes the Electron build: the local build is for Node 20, so the prebuild', () => {
    const { pkg } = layout();
    expect(chooseBinding(bindingCandidates({ packageDir: pkg, platform: 'linux', arch: 'x64' }), NODE_22)).toBe(
      join(pkg, 'prebuilds', 'linux-x64.node'),
    );
  });

  it('Node 20 (Node-API 9) takes the local build made for it', () => {
    const { pkg } = layout();
    expect(chooseBinding(bindingCandidates({ packageDir: pkg, platform: 'linux', arch: 'x64' }), NODE_20)).toBe(
      join(pkg, 'build', 'Release', 'better_sqlite3.node'),
    );
  });

  it('nothing loadable → one message naming what each binary was built for and the command that fixes it', () => {
    const { pkg, electron } = layout();
    rmSync(join(pkg, 'prebuilds'), { recursive: true });
    const runtime: RuntimeAbi = { ...ELECTRON_39, modules: 150, napi: 9 };
    let error: unknown;
    try {
      chooseBinding(
        bindingCandidates({ packageDir: pkg, electronBuildDir: electron, platform: 'linux', arch: 'x64' }),
        runtime,
      );
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(NativeModuleMismatchError);
    const message = (error as Error).message;
    expect(message).toContain('the Electron build was built for ABI 140 (Electron 39)');
    expect(message).toContain('the local build was built for ABI 115 (Node 20)');
    expect(message).toContain('this is Electron 39.8.10 (ABI 150, Node-API 9)');
    expect(message).toContain('npm run rebuild:electron');
  });

  it('no binary at all says so, with the Node command', () => {
    const root = mkdtempSync(join(tmpdir(), 'sd-native-'));
    dirs.push(root);
    expect(() =>
      chooseBinding(bindingCandidates({ packageDir: root, platform: 'linux', arch: 'x64' }), NODE_22),
    ).toThrow(
      /no SQLite module \(better-sqlite3\) binary was found, but this is Node 22\.23\.5 .*npm rebuild better-sqlite3/,
    );
  });

  it('inside a packaged app the binary is read from app.asar.unpacked', () => {
    const root = mkdtempSync(join(tmpdir(), 'sd-native-'));
    dirs.push(root);
    const inside = join(root, 'resources', 'app.asar', 'node_modules', 'better-sqlite3');
    const outside = join(root, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds');
    mkdirSync(outside, { recursive: true });
    copyFileSync(prebuilt('darwin-arm64'), join(outside, 'darwin-arm64.node'));
    const file = chooseBinding(
      bindingCandidates({ packageDir: inside, platform: 'darwin', arch: 'arm64' }),
      ELECTRON_39,
    );
    expect(file).toBe(join(outside, 'darwin-arm64.node'));
  });
});
