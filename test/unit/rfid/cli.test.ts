import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerRfid } from '../../../electron/station/cli/commands/rfid.js';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import { CliExit, type CliIo } from '../../../electron/station/cli/io.js';

/** Runs `bitig rfid …` in-process, with runCli's exit code rules (program.ts lists the command). */
async function rfid(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {} };
  const program = new Command('bitig')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  registerRfid(program, io);
  let code: number = EXIT.OK;
  try {
    await program.parseAsync(['rfid', ...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) code = e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    else if (e instanceof CliExit) {
      code = e.exitCode;
      if (e.message) err.push(e.message);
    } else throw e;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('bitig rfid', () => {
  it('encode then decode an ISO 28560-3 item', async () => {
    const encoded = await rfid(
      'encode',
      '--model',
      'iso28560-3',
      '--item',
      '31000000000042',
      '--isil',
      'UZ-TaNL',
      '--parts',
      '2',
      '--part',
      '1',
    );
    expect(encoded.code).toBe(EXIT.OK);
    expect(encoded.out).toMatch(/^[0-9A-F]{68}$/);
    const decoded = await rfid('decode', encoded.out, '--json');
    expect(decoded.code).toBe(EXIT.OK);
    expect(JSON.parse(decoded.out)).toMatchObject({
      ok: true,
      detected: true,
      model: 'iso28560-3',
      primaryItemId: '31000000000042',
      ownerIsil: 'UZ-TaNL',
      setInfo: { parts: 2, part: 1 },
      typeOfUsage: 1,
    });
  });

  it('decodes ISO 28560-2 Annex D as text', async () => {
    const { code, out } = await rfid(
      'decode',
      '91 00 05 1C BE 99 1A 14 02 01 D0 14 02 04 B3 46 07 44 1C B6 E2 E3 35 D6 03 06 21 40 8E 16 BF 1F 00',
      '--dsfid',
      '0x06',
    );
    expect(code).toBe(EXIT.OK);
    expect(out).toMatch(/^model\s+iso28560-2 \(detected\)/);
    expect(out).toMatch(/primaryItemId\s+123456789012/);
    expect(out).toMatch(/setInfo\s+part 3 of 12/);
    expect(out).toMatch(/shelfLocation\s+QA268\.L55/);
    expect(out).toMatch(/ownerIsil\s+DE-Heu1/);
  });

  it('encodes a patron card in ISO 28560-2', async () => {
    const { code, out } = await rfid(
      'encode',
      '--model',
      'iso28560-2',
      '--item',
      '21000000001234',
      '--usage',
      'patron-card',
      '--json',
    );
    expect(code).toBe(EXIT.OK);
    const { hex } = JSON.parse(out) as { hex: string };
    const back = JSON.parse((await rfid('decode', hex, '--model', 'iso28560-2', '--json')).out);
    expect(back).toMatchObject({ primaryItemId: '21000000001234', typeOfUsage: 8, detected: false });
  });

  it('a malformed tag is a clear error with exit code 1', async () => {
    const bad = await rfid('decode', 'DEADBEEF01020304');
    expect(bad.code).toBe(EXIT.FAILURE);
    expect(bad.err).toMatch(/not a valid tag: .*\[unknown_model\]/);
    const crc = await rfid('decode', `1101013331${'00'.repeat(29)}`, '--model', 'iso28560-3');
    expect(crc.code).toBe(EXIT.FAILURE);
    expect(crc.err).toMatch(/CRC/);
  });

  it('bad arguments are usage errors (exit 2)', async () => {
    expect((await rfid('decode', 'XYZ')).code).toBe(EXIT.USAGE);
    expect((await rfid('decode', '00', '--model', 'danish')).code).toBe(EXIT.USAGE);
    expect((await rfid('encode', '--model', 'iso28560-3', '--item', '12345678901234567')).code).toBe(
      EXIT.USAGE,
    );
    expect((await rfid('encode', '--model', 'iso28560-3', '--item', '1', '--parts', '2')).code).toBe(
      EXIT.USAGE,
    );
    expect((await rfid('encode', '--item', '1')).code).toBe(EXIT.USAGE);
  });
});
