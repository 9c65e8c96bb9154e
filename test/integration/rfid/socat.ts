import { spawnSync } from 'node:child_process';

/** These tests need socat for the pseudo-terminal pairs (Debian package `socat`). */
export const HAVE_SOCAT = spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
