import readline from 'node:readline';
import { EXIT } from './exit-codes.js';
import { CliExit, type CliIo } from './io.js';

/**
 * A secret (a PIN, a password) from standard input, never from the command line where the shell
 * history and the process list would keep it. From a terminal: asked once, not echoed. From a pipe:
 * its first line, as it is (only the line end removed).
 */
export function readSecret(io: CliIo, prompt: string): Promise<string> {
  const input = io.stdin ?? process.stdin;
  return input.isTTY ? askHidden(input, prompt) : firstLine(input);
}

/** The first line of a pipe ('' when it is empty). */
export function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
    let line: string | null = null;
    lines.once('line', (text) => {
      line = text;
      lines.close();
    });
    lines.once('close', () => resolve(line ?? ''));
  });
}

/** Reads a line in raw mode, so what is typed is never shown; Ctrl-C leaves without a change. */
export function askHidden(input: NodeJS.ReadStream, prompt: string): Promise<string> {
  const out = process.stderr;
  out.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      out.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new CliExit(EXIT.FAILURE, 'Cancelled; nothing was changed.'));
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}
