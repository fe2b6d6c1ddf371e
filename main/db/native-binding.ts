// Which better-sqlite3 binary this process loads (docs/architecture.md "Native modules").
//
// A native module exports the ABI it was built for: `node_register_module_vNNN` for a module built against one
// runtime's V8 (NNN = process.versions.modules: Node 22 is 127, Electron 39 is 140), or `napi_register_module_v1`
// for a Node-API module, which any runtime with a recent enough Node-API loads. better-sqlite3 13 ships Node-API
// prebuilds for Windows, macOS and Linux, so Node (tests, CLI, browser host) and Electron normally load the same
// file. `npm run rebuild:electron` builds a second copy against Electron's headers into `.electron-native/`,
// beside (never over) the Node build; Electron prefers that copy when present.
// We read the ABI from the file before loading it, so a wrong binary is one clear message, not a crash.
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';

/** better-sqlite3 13 is compiled with NAPI_VERSION=10 (its binding.gyp). */
export const REQUIRED_NAPI_VERSION = 10;

export type BindingAbi = { kind: 'napi' } | { kind: 'node'; modules: number } | { kind: 'unknown' };

export interface RuntimeAbi {
  /** process.versions.modules: the V8 ABI this runtime loads. */
  modules: number;
  /** process.versions.napi: the highest Node-API version it offers. */
  napi: number;
  /** process.versions.electron, when this is Electron. */
  electron?: string;
  node: string;
}

export interface BindingCandidate {
  file: string;
  /** Where it came from, for messages: "Electron build", "local build", "prebuilt". */
  origin: string;
}

export class NativeModuleMismatchError extends Error {
  override readonly name = 'NativeModuleMismatchError';
  constructor(
    message: string,
    readonly tried: ReadonlyArray<{ candidate: BindingCandidate; abi: BindingAbi }>,
  ) {
    super(message);
  }
}

const NODE_SYMBOL = /node_register_module_v(\d+)/;
const NAPI_SYMBOL = 'napi_register_module_v1';

/**
 * The ABI a compiled module exports, read from its symbol names. ELF (.dynstr), Mach-O (string table) and PE
 * (export directory) all store exported names as plain NUL-terminated ASCII, so a byte search finds them without
 * parsing each format. A V8-ABI module is checked first: it may also import Node-API functions, never export
 * `napi_register_module_v1`.
 */
export function readBindingAbi(bytes: Uint8Array): BindingAbi {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const node = NODE_SYMBOL.exec(text);
  if (node) return { kind: 'node', modules: Number(node[1]) };
  if (text.includes(NAPI_SYMBOL)) return { kind: 'napi' };
  return { kind: 'unknown' };
}

export function readBindingAbiFile(file: string): BindingAbi {
  return readBindingAbi(readFileSync(file));
}

export function currentRuntime(versions: NodeJS.ProcessVersions = process.versions): RuntimeAbi {
  return {
    modules: Number(versions.modules),
    napi: Number(versions.napi ?? 0),
    node: versions.node,
    ...(versions.electron ? { electron: versions.electron } : {}),
  };
}

export function isCompatible(abi: BindingAbi, runtime: RuntimeAbi): boolean {
  if (abi.kind === 'napi') return runtime.napi >= REQUIRED_NAPI_VERSION;
  if (abi.kind === 'node') return abi.modules === runtime.modules;
  return false;
}

export function describeAbi(abi: BindingAbi): string {
  if (abi.kind === 'napi') return `Node-API ${REQUIRED_NAPI_VERSION}`;
  if (abi.kind === 'node') return `ABI ${abi.modules}${KNOWN_ABIS[abi.modules] ? ` (${KNOWN_ABIS[abi.modules]})` : ''}`;
  return 'an unknown ABI (not a Node module)';
}

export function describeRuntime(runtime: RuntimeAbi): string {
  const name = runtime.electron ? `Electron ${runtime.electron}` : `Node ${runtime.node}`;
  return `${name} (ABI ${runtime.modules}, Node-API ${runtime.napi})`;
}

/** For messages only; any other number is printed as it is. */
const KNOWN_ABIS: Record<number, string> = {
  115: 'Node 20',
  127: 'Node 22',
  137: 'Node 24',
  140: 'Electron 39',
};

/** The first candidate that exists and that this runtime can load; otherwise one error that says what to do. */
export function chooseBinding(candidates: readonly BindingCandidate[], runtime: RuntimeAbi): string {
  const tried: Array<{ candidate: BindingCandidate; abi: BindingAbi }> = [];
  for (const candidate of candidates) {
    if (!existsSync(candidate.file)) continue;
    const abi = readBindingAbiFile(candidate.file);
    if (isCompatible(abi, runtime)) return candidate.file;
    tried.push({ candidate, abi });
  }
  const rebuild = runtime.electron ? 'npm run rebuild:electron' : 'npm rebuild better-sqlite3';
  const found = tried.length
    ? tried.map(({ candidate, abi }) => `the ${candidate.origin} was built for ${describeAbi(abi)}`).join('; ')
    : 'no SQLite module (better-sqlite3) binary was found';
  throw new NativeModuleMismatchError(
    `Seller Desk cannot open its database: ${found}, but this is ${describeRuntime(runtime)}. ` +
      `Rebuild it with \`${rebuild}\` (or reinstall the app).`,
    tried,
  );
}

export interface CandidateOptions {
  /** better-sqlite3's package folder. */
  packageDir: string;
  /** The folder `npm run rebuild:electron` builds into (its better-sqlite3 copy). */
  electronBuildDir?: string;
  platform?: NodeJS.Platform;
  arch?: string;
  musl?: boolean;
}

/** The places a binary can be, in the order better-sqlite3 itself looks, with Electron's own build first. */
export function bindingCandidates(options: CandidateOptions): BindingCandidate[] {
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const target = `${platform === 'linux' && options.musl ? 'linuxmusl' : platform}-${arch}`;
  const release = (dir: string) => join(dir, 'build', 'Release', 'better_sqlite3.node');
  const list: BindingCandidate[] = [];
  if (options.electronBuildDir) list.push({ file: release(options.electronBuildDir), origin: 'Electron build' });
  list.push({ file: release(options.packageDir), origin: 'local build' });
  list.push({ file: join(options.packageDir, 'prebuilds', `${target}.node`), origin: 'prebuilt binary' });
  // Inside a packaged app the binary is unpacked beside the archive: app.asar → app.asar.unpacked.
  return list.map((c) => ({ ...c, file: unpacked(c.file) }));
}

/** A file inside a packaged app's archive as its unpacked copy beside it (asarUnpack), when there is one. */
export function unpacked(file: string): string {
  const marker = `${sep}app.asar${sep}`;
  if (!file.includes(marker)) return file;
  const outside = file.replace(marker, `${sep}app.asar.unpacked${sep}`);
  return existsSync(outside) ? outside : file;
}

function isMusl(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    return /\/ld-musl-[^/\s]*\.so/.test(readFileSync('/proc/self/maps', 'latin1'));
  } catch {
    return false;
  }
}

let resolved: string | undefined;

/**
 * The binary this process passes to better-sqlite3 as `nativeBinding`, chosen once. In Electron the copy built
 * by `npm run rebuild:electron` (`<app root>/.electron-native/`, or SELLER_DESK_SQLITE_ELECTRON_DIR) comes first.
 */
export function sqliteBinding(): string {
  if (resolved) return resolved;
  const packageDir = dirname(localRequire().resolve('better-sqlite3/package.json'));
  const runtime = currentRuntime();
  const electronRoot = process.env.SELLER_DESK_SQLITE_ELECTRON_DIR ?? join(appRootOf(packageDir), '.electron-native');
  resolved = chooseBinding(
    bindingCandidates({
      packageDir,
      electronBuildDir: runtime.electron ? join(electronRoot, 'node_modules', 'better-sqlite3') : undefined,
      musl: isMusl(),
    }),
    runtime,
  );
  return resolved;
}

/** The bundle's own require (resolves from the app's node_modules); under vitest (ESM) one from the working folder. */
function localRequire(): NodeRequire {
  return typeof require === 'function' ? require : createRequire(join(process.cwd(), 'package.json'));
}

/** node_modules/better-sqlite3 → the folder holding node_modules (the app root). */
function appRootOf(packageDir: string): string {
  return resolve(packageDir, '..', '..');
}

/**
 * `new Database(file, options)` with the chosen binary. A binary that reads as compatible but still fails to load
 * (another architecture, a damaged file) is reported the same way, with the loader's own reason.
 */
export function openSqlite(file: string, options: Database.Options = {}): Database.Database {
  const nativeBinding = sqliteBinding();
  try {
    return new Database(file, { ...options, nativeBinding });
  } catch (err) {
    if (
      err instanceof Error &&
      /NODE_MODULE_VERSION|invalid ELF|not a valid Win32|wrong architecture|mach-o|dlopen/i.test(err.message)
    ) {
      const rebuild = process.versions.electron ? 'npm run rebuild:electron' : 'npm rebuild better-sqlite3';
      throw new NativeModuleMismatchError(
        `Seller Desk cannot open its database: the SQLite module ${nativeBinding} does not load in ` +
          `${describeRuntime(currentRuntime())} (${err.message.split('\n')[0]}). Rebuild it with \`${rebuild}\`.`,
        [],
      );
    }
    throw err;
  }
}
