// What a command may touch of the outside world, injected so commands stay testable.

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** All of standard input as text. */
  readStdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
  /** The folder relative FILE arguments (`--attach`, `--out`, `--from`) are resolved against. */
  cwd: string;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); used by long-running commands. */
  stopSignal(): Promise<string>;
  /**
   * The command being run (`sync`, `orders list`), set by runCli: it decides read-only access and names the folder's
   * owner.
   */
  command?: string;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    readStdin: async () => {
      if (process.stdin.isTTY) return '';
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
    cwd: process.cwd(),
    stopSignal: () =>
      new Promise((resolve) => {
        const on = (signal: NodeJS.Signals): void => {
          process.off('SIGINT', on);
          process.off('SIGTERM', on);
          resolve(signal);
        };
        process.on('SIGINT', on);
        process.on('SIGTERM', on);
      }),
  };
}
