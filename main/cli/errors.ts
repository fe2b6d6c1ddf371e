// CLI outcomes: 1 = failure with a one-line reason, 2 = bad usage with a usage line.

export class CliFailure extends Error {
  readonly exitCode = 1;
}

export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    /** The usage line of the command concerned, or null for the general one. */
    readonly usage: string | null = null,
  ) {
    super(message);
  }
}

/** `--help`/`-h` on a command: its usage line goes to stdout, exit 0 (thrown by `parse`, answered by `runCli`). */
export class HelpRequested extends Error {
  constructor(readonly usage: string) {
    super('help requested');
  }
}

/** One line, whatever the error carried (a stack, a multi-line server message). */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
