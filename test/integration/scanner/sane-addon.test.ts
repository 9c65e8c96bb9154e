import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSaneAddon } from '../../../electron/station/devices/scanner/sane/addon-loader.js';
import type { SaneAddon, SaneHandle } from '../../../electron/station/devices/scanner/sane/addon-types.js';
import { makeTestBackendConfig, requireAddonBuilt, saneSkipReason } from './sane-env.js';

const skip = saneSkipReason();

describe.skipIf(skip !== undefined)(
  `SANE addon against the test backend${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    let addon: SaneAddon;
    let configDir: string;
    let handle: SaneHandle;

    beforeAll(async () => {
      requireAddonBuilt();
      const loaded = loadSaneAddon();
      if (!loaded.available) throw new Error(loaded.reason);
      addon = loaded.addon;
      configDir = makeTestBackendConfig();
      // The addon sets SANE_CONFIG_DIR before sane_init, which is when the dll backend reads it.
      expect(addon.init({ configDir })).toMatchObject({ major: 1 });
      handle = await addon.open('test:0');
    });

    afterAll(() => {
      try {
        if (handle) addon.close(handle);
      } catch {
        // already closed by a test
      }
      addon?.exit();
      if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
    });

    it('lists the test devices', async () => {
      const devices = await addon.getDevices();
      expect(devices.map((d) => d.name).sort()).toEqual(['test:0', 'test:1']);
      expect(devices[0]).toMatchObject({
        vendor: 'Noname',
        model: 'frontend-tester',
        type: 'virtual device',
      });
    });

    it('describes options with types, units, capabilities and constraints', () => {
      const options = addon.getOptions(handle);
      const byName = (name: string) => options.find((o) => o.name === name)!;
      expect(options.some((o) => o.type === 'group' && o.title === 'Scan Mode')).toBe(true);
      expect(byName('mode')).toMatchObject({
        type: 'string',
        unit: 'none',
        active: true,
        settable: true,
        constraint: { type: 'stringList', values: ['Gray', 'Color'] },
      });
      expect(byName('depth')).toMatchObject({
        type: 'int',
        count: 1,
        constraint: { type: 'wordList', values: [1, 8, 16] },
      });
      expect(byName('resolution')).toMatchObject({
        type: 'fixed',
        unit: 'dpi',
        constraint: { type: 'range', min: 1, max: 1200, quant: 1 },
      });
      expect(byName('br-x')).toMatchObject({
        type: 'fixed',
        unit: 'mm',
        constraint: { type: 'range', min: 0, max: 200 },
      });
      expect(byName('hand-scanner')).toMatchObject({ type: 'bool', constraint: null });
      expect(byName('three-pass')).toMatchObject({
        active: false,
        cap: { inactive: true, softSelect: true },
      });
      expect(byName('read-delay-duration')).toMatchObject({ unit: 'microsecond' });
      expect(byName('button')).toMatchObject({ type: 'button' });
      expect(byName('gamma-table')).toMatchObject({ type: 'int', count: 4096, cap: { advanced: true } });
    });

    it('gets and sets values and reports what SANE says about the change', () => {
      expect(addon.getOption(handle, 'mode')).toBe('Gray');
      expect(addon.setOption(handle, 'resolution', 150)).toEqual({
        inexact: false,
        reloadOptions: false,
        reloadParams: true,
        value: 150,
      });
      expect(addon.getOption(handle, 'resolution')).toBe(150);
      // Colour makes three-pass active: the backend asks for the options to be read again.
      expect(addon.setOption(handle, 'mode', 'Color')).toMatchObject({ reloadOptions: true, value: 'Color' });
      expect(addon.getOptions(handle).find((o) => o.name === 'three-pass')?.active).toBe(true);
      addon.setOption(handle, 'mode', 'Gray');
      // A value the backend has to round comes back marked inexact, with what it kept.
      addon.setOption(handle, 'enable-test-options', true);
      const inexact = addon.setOption(handle, 'int-inexact', 7);
      expect(inexact.inexact).toBe(true);
      const table = addon.setOption(handle, 'gamma-table', 128);
      expect(addon.getOption(handle, 'gamma-table')).toEqual(new Array(4096).fill(128));
      expect(table.value).toHaveLength(4096);
      addon.setOption(handle, 'enable-test-options', false);
      expect(addon.getOption(handle, 'hand-scanner')).toBe(false);
    });

    it('refuses bad values and unknown options with typed errors', () => {
      expect(() => addon.setOption(handle, 'mode', 'Sepia')).toThrow(
        expect.objectContaining({ code: 'invalid', saneStatus: 'SANE_STATUS_INVAL' }),
      );
      expect(() => addon.setOption(handle, 'no-such-option', 1)).toThrow(
        expect.objectContaining({ code: 'no_such_option' }),
      );
      expect(() => addon.setOption(handle, 'resolution', 'high')).toThrow(TypeError);
      expect(() => addon.getOption({} as SaneHandle, 'mode')).toThrow(TypeError);
    });

    it('maps every SANE status to a typed error with a stable code', () => {
      const expected: Record<string, string> = {
        SANE_STATUS_GOOD: 'ok',
        SANE_STATUS_UNSUPPORTED: 'unsupported',
        SANE_STATUS_CANCELLED: 'cancelled',
        SANE_STATUS_DEVICE_BUSY: 'device_busy',
        SANE_STATUS_INVAL: 'invalid',
        SANE_STATUS_EOF: 'eof',
        SANE_STATUS_JAMMED: 'jammed',
        SANE_STATUS_NO_DOCS: 'no_documents',
        SANE_STATUS_COVER_OPEN: 'cover_open',
        SANE_STATUS_IO_ERROR: 'io_error',
        SANE_STATUS_NO_MEM: 'no_memory',
        SANE_STATUS_ACCESS_DENIED: 'access_denied',
        SANE_STATUS_WARMING_UP: 'warming_up',
        SANE_STATUS_HW_LOCKED: 'hw_locked',
      };
      const table = addon.statuses();
      expect(Object.fromEntries(table.map((r) => [r.name, r.code]))).toEqual(expected);
      for (const row of table) {
        const err = addon.errorForStatus(row.value) as Error & Record<string, unknown>;
        expect(err).toBeInstanceOf(Error);
        expect(err).toMatchObject({ code: row.code, saneStatus: row.name, saneStatusValue: row.value });
        expect(err.message).toMatch(/^errorForStatus: \S/);
      }
      expect(addon.errorForStatus(99)).toMatchObject({ code: 'unknown', saneStatus: 'SANE_STATUS_UNKNOWN' });
    });

    it('reads a frame in chunks off the JavaScript thread and refuses a second operation meanwhile', async () => {
      addon.setOption(handle, 'resolution', 75);
      await addon.start(handle);
      const p = addon.getParameters(handle);
      expect(p).toMatchObject({ format: 'gray', depth: 8, lastFrame: true, pixelsPerLine: 236, lines: 295 });
      let bytes = 0;
      const reading = addon.read(handle, (chunk) => {
        bytes += chunk.length;
      });
      expect(() => addon.start(handle)).toThrow(expect.objectContaining({ code: 'busy' }));
      expect(() => addon.close(handle)).toThrow(expect.objectContaining({ code: 'busy' }));
      expect(await reading).toEqual({ bytes: p.bytesPerLine * p.lines });
      expect(bytes).toBe(p.bytesPerLine * p.lines);
      addon.cancel(handle);
    });

    it('rejects the read with the error a throwing chunk callback raised', async () => {
      await addon.start(handle);
      await expect(
        addon.read(handle, () => {
          throw new Error('disk full');
        }),
      ).rejects.toThrow('disk full');
      addon.cancel(handle);
    });

    it('treats a closed handle as closed', async () => {
      const other = await addon.open('test:1');
      addon.close(other);
      expect(() => addon.getOptions(other)).toThrow(expect.objectContaining({ code: 'closed' }));
      expect(() => addon.close(other)).toThrow(expect.objectContaining({ code: 'closed' }));
    });

    it('opening an unknown device fails with SANE_STATUS_INVAL', async () => {
      await expect(addon.open('test:9')).rejects.toMatchObject({
        code: 'invalid',
        saneStatus: 'SANE_STATUS_INVAL',
      });
    });
  },
);
