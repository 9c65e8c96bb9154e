import { processIo } from './io.js';
import { runCli } from './program.js';

// Entry point of the `bitig` command (bundled to dist/cli/bitig.cjs; bin/bitig.cjs loads it).
runCli(process.argv.slice(2), processIo).then((code) => {
  // Long-running commands (serve) keep the process alive themselves and never resolve here.
  process.exitCode = code;
});
