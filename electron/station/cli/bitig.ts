import { exitQuietlyOnClosedOutput, exitWhenFlushed, processIo } from './io.js';
import { runCli } from './program.js';

// Entry point of the `bitig` command (bundled to dist/cli/bitig.cjs; bin/bitig.cjs loads it).
exitQuietlyOnClosedOutput();
runCli(process.argv.slice(2), processIo).then((code) => {
  // Long-running commands (serve) resolve only once they have stopped and closed what they opened.
  exitWhenFlushed(code);
});
