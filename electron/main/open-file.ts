/**
 * How the desktop opens a file of the station's data (the package PDF) in the system's viewer. The
 * core decides WHICH file (it checks the path is in its packages folder); this only hands that path
 * to the operating system, and never anything that is not an absolute path to a PDF.
 */
import path from 'node:path';
import type { Shell } from 'electron';
import { StationError } from '../station/errors.js';

export function openFileWith(shell: Pick<Shell, 'openPath'>): (absolutePath: string) => Promise<void> {
  return async (absolutePath) => {
    if (!path.isAbsolute(absolutePath) || path.extname(absolutePath).toLowerCase() !== '.pdf') {
      throw new StationError('INVALID_OPERATION', `Not a PDF of the station: ${absolutePath}`);
    }
    // shell.openPath answers an error message, or '' when the system opened it.
    const failure = await shell.openPath(absolutePath);
    if (failure) {
      throw new StationError('INVALID_OPERATION', `The system could not open ${absolutePath}: ${failure}`);
    }
  };
}
