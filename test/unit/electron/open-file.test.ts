import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronFake, resetElectronFake } from './fakes.js';

vi.mock('electron', async () => (await import('./fakes.js')).electronFake);

const { openFileWith } = await import('../../../electron/main/open-file.js');
const { shell } = await import('electron');

beforeEach(() => resetElectronFake());

describe('opening a package PDF on the desktop', () => {
  const pdf = path.resolve('/data/packages/bitig-1/data/bitig-1.pdf');

  it("hands the core's absolute path to shell.openPath", async () => {
    await openFileWith(shell)(pdf);
    expect(electronFake.shell.openPath).toHaveBeenCalledWith(pdf);
  });

  it('says so when the system could not open it', async () => {
    electronFake.shell.openPath.mockResolvedValueOnce('No application is associated');
    await expect(openFileWith(shell)(pdf)).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
  });

  it('never opens a relative path or anything but a PDF', async () => {
    for (const file of ['packages/x.pdf', path.resolve('/data/packages/x.sh'), path.resolve('/bin/sh')]) {
      await expect(openFileWith(shell)(file)).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
    }
    expect(electronFake.shell.openPath).not.toHaveBeenCalled();
  });
});
