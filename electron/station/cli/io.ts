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

/**
 * When the reader of our output goes away (`bitig --help | head`), a write fails with EPIPE. As with
 * any Unix tool, that ends the command quietly: nobody is left to read a message. Other write errors
 * on stdout end it with the failure code; stderr errors are dropped, there is nowhere to report them.
 */
export function exitQuietlyOnClosedOutput(
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
): void {
  stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));
  stderr.on('error', () => {});
}

/**
 * Ends the process with `code` once stdout and stderr have taken what was written: a finished command
 * must not stay alive because some handle (a timer, a socket) was left open.
 */
export function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.destroyed || !stream.writable) done();
    else stream.write('', done);
  }
}

/** Thrown by a command to end with a given exit code after printing its message to stderr. */
export class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
