/** Where a command writes; tests capture it, the real CLI uses the process's streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Where a command reads what it must not take on the command line (a PIN); the process's by default. */
  stdin?: NodeJS.ReadStream;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  stdin: process.stdin,
};

/** Thrown by a command to end with a given exit code after printing its message to stderr. */
export class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
