// A tiny logger that never writes credentials (docs/architecture.md "Security": the AK/SK are never written to logs).
// Redaction is belt and braces: known secrets are replaced verbatim, and anything shaped like an
// Authorization header, a signature or an `sk`/`token` field is masked even if nobody registered it.
// Every line is redacted once, then goes to the sink (stderr) and, when given, the rotating file (log-file.ts).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
  /** Registers a value (an AK, an SK, a host token) that must never appear in a log line. */
  addSecret(secret: string): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where finished lines go; default stderr. */
  sink?: (line: string) => void;
  /** Injected for tests; default Date.now. */
  now?: () => number;
  /**
   * A second destination with its own threshold, e.g. the rotating file of log-file.ts: the file keeps what the
   * CLI's quiet stderr leaves out.
   */
  file?: { write(line: string): void };
  /** The file's threshold; default 'debug'. */
  fileLevel?: LogLevel;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const MASK = '[redacted]';

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` (and Bearer/Basic forms).
  [/(authorization["']?\s*[:=]\s*["']?)[^"'\r\n]+/gi, `$1${MASK}`],
  [/(SDK-HMAC-SHA256\s+)[^"'\r\n]+/g, `$1${MASK}`],
  [/(signature=)[0-9a-f]+/gi, `$1${MASK}`],
  // JSON-ish or query-ish fields whose value is secret.
  [
    /(["']?(?:sk|secretKey|secret_key|secret|password|token|x-seller-desk-token|x-sim-token)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
    `$1${MASK}`,
  ],
  [/([?&](?:token|sk)=)[^&\s"']+/gi, `$1${MASK}`],
];

export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would mask ordinary words; real SKs and tokens are long.
    if (secret.length >= 6) out = out.split(secret).join(MASK);
  }
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

function describe(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error)
    return ` ${detail.name}: ${detail.message}${detail.stack ? `\n${detail.stack.split('\n').slice(1).join('\n')}` : ''}`;
  if (typeof detail === 'string') return ` ${detail}`;
  try {
    return ` ${JSON.stringify(detail)}`;
  } catch {
    return ` ${String(detail)}`;
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = ORDER[options.level ?? 'info'];
  const sink = options.sink ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const file = options.file;
  const fileThreshold = file ? ORDER[options.fileLevel ?? 'debug'] : ORDER.silent;
  const secrets = new Set<string>();
  const write = (level: Exclude<LogLevel, 'silent'>, message: string, detail: unknown): void => {
    const toSink = ORDER[level] >= threshold;
    const toFile = ORDER[level] >= fileThreshold;
    if (!toSink && !toFile) return;
    const line = redact(
      `${new Date(now()).toISOString()} ${level.toUpperCase()} ${message}${describe(detail)}`,
      secrets,
    );
    if (toSink) sink(line);
    if (toFile) file?.write(line);
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
    addSecret: (s) => {
      if (s) secrets.add(s);
    },
  };
}

/** Level from SELLER_DESK_LOG (debug|info|warn|error|silent), else the given default. */
export function levelFromEnv(env: NodeJS.ProcessEnv, fallback: LogLevel): LogLevel {
  const v = env.SELLER_DESK_LOG;
  return v && v in ORDER ? (v as LogLevel) : fallback;
}
