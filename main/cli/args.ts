// Argument parsing with node:util parseArgs (no CLI framework): strict, so an unknown flag is bad usage (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { homedir } from 'node:os';
import { defaultDataDir } from '../settings/paths';
import { HelpRequested, UsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Accepted by every command. */
export const COMMON_OPTIONS = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export const PROFILE_OPTION = { demo: { type: 'boolean' } } as const satisfies Options;

export interface Parsed<O extends Options> {
  values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };
  positionals: string[];
}

export function parse<O extends Options>(argv: string[], options: O, usage: string, maxPositionals = 0): Parsed<O> {
  let result: { values: Record<string, unknown>; positionals: string[] };
  try {
    result = parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as typeof result;
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/, ''), usage);
  }
  if (result.positionals.length > maxPositionals)
    throw new UsageError(`unexpected argument '${result.positionals[maxPositionals]}'`, usage);
  for (const [name, value] of Object.entries(result.values)) {
    // `--search --json` would silently take "--json" as the search text.
    if (typeof value === 'string' && value.startsWith('--'))
      throw new UsageError(`option '--${name}' needs a value`, usage);
  }
  // Every command takes --help (COMMON_OPTIONS): answered here, once, after the arguments proved valid.
  if (result.values.help === true) throw new HelpRequested(usage);
  return result as unknown as Parsed<O>;
}

export function dataDirOf(values: { 'data-dir'?: string }, env: NodeJS.ProcessEnv): string {
  const given = values['data-dir'];
  if (given !== undefined && given.trim() === '') throw new UsageError("option '--data-dir' needs a folder");
  return given ? resolve(given) : defaultDataDir({ platform: process.platform, env, home: homedir() });
}

/** A whole number in [min, max], or bad usage. */
export function intOption(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  usage: string,
): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`option '--${name}' expects a whole number, got '${raw}'`, usage);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`option '--${name}' must be between ${min} and ${max}`, usage);
  return n;
}

/** `a,b` → ['a', 'b']. */
export function listOption(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
