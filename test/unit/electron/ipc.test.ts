import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSenderCheck, forwardEvents, registerContract } from '../../../electron/main/ipc.js';
import {
  type Events,
  IPC_CALL_PREFIX,
  IPC_EVENT_CHANNEL,
  METHOD_NAMES,
  type Result,
  type Topic,
} from '../../../electron/station/contract/index.js';
import { EventHub } from '../../../electron/station/events.js';
import { Station } from '../../../electron/station/station.js';
import { electronFake, FakeWebContents, ipcEvent, resetElectronFake } from './fakes.js';

vi.mock('electron', async () => (await import('./fakes.js')).electronFake);

const ipcMain = electronFake.ipcMain;
let dataDir: string;
let station: Station;
let ours: FakeWebContents;

beforeEach(() => {
  resetElectronFake();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-ipc-'));
  station = Station.open({ dataDir, host: 'electron' });
  ours = new FakeWebContents();
});

afterEach(() => {
  station.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const trusted = () =>
  createSenderCheck((contents: WebContents) => contents === (ours as unknown as WebContents));

function call(method: string, input: unknown, event: unknown = ipcEvent(ours)): Promise<Result<unknown>> {
  return ipcMain.invoke(IPC_CALL_PREFIX + method, event, input) as Promise<Result<unknown>>;
}

describe('registerContract', () => {
  it('registers exactly one handler per contract method', () => {
    registerContract(ipcMain as never, station, trusted());
    expect([...ipcMain.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => IPC_CALL_PREFIX + m).sort());
  });

  it('round-trips a call from our main frame through a real Station', async () => {
    registerContract(ipcMain as never, station, trusted());
    const info = await call('app.info', {});
    expect(info).toEqual({
      ok: true,
      value: expect.objectContaining({ name: 'Bitig', host: 'electron', dataDir }),
    });
    const set = await call('settings.setLanguage', { language: 'ru' });
    expect(set).toEqual({ ok: true, value: expect.objectContaining({ language: 'ru' }) });
    // It reached the store: a fresh read sees it.
    expect(station.settings.get().language).toBe('ru');
  });

  it('answers VALIDATION for bad input, naming the field', async () => {
    registerContract(ipcMain as never, station, trusted());
    const result = await call('settings.setLanguage', { language: 'xx' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.fields).toEqual(['language']);
    }
    expect(station.settings.get().language).toBe('uz-Latn');
  });

  it.each([
    ['another origin', () => ipcEvent(ours, { url: 'https://evil.example/', parent: null })],
    ['a look-alike host', () => ipcEvent(ours, { url: 'app://bitig.evil/', parent: null })],
    [
      'a subframe of our page',
      () => ipcEvent(ours, { url: 'app://bitig/', parent: { url: 'app://bitig/' } }),
    ],
    ['a destroyed frame', () => ipcEvent(ours, null)],
    ['another webContents', () => ipcEvent(new FakeWebContents())],
  ])('refuses %s with FORBIDDEN and never dispatches', async (_name, makeEvent) => {
    const dispatch = vi.fn(station.dispatch);
    registerContract(ipcMain as never, { dispatch }, trusted());
    const result = await call('setup.complete', { role: 'kiosk', language: 'en', mode: 'demo' }, makeEvent());
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
    expect(dispatch).not.toHaveBeenCalled();
    expect(station.settings.get().setupComplete).toBe(false);
  });

  it('turns a throwing sender check into INTERNAL instead of a rejected invoke', async () => {
    const dispatch = vi.fn(station.dispatch);
    registerContract(ipcMain as never, { dispatch }, () => {
      throw new Error('frame torn down');
    });
    await expect(call('settings.get', {})).resolves.toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'INTERNAL' }),
    });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns a throwing dispatch into INTERNAL without leaking its message', async () => {
    registerContract(
      ipcMain as never,
      {
        dispatch: async () => {
          throw new Error('/home/secret/path exploded');
        },
      },
      trusted(),
    );
    const result = await call('settings.get', {});
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'INTERNAL' }) });
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('removes its handlers when disposed', () => {
    const dispose = registerContract(ipcMain as never, station, trusted());
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('createSenderCheck', () => {
  it('accepts only the main frame of our webContents at app://bitig', () => {
    const check = trusted();
    const asEvent = (e: unknown) => e as IpcMainInvokeEvent;
    expect(check(asEvent(ipcEvent(ours)))).toBe(true);
    expect(check(asEvent(ipcEvent(ours, { url: 'app://bitig/operator', parent: null })))).toBe(true);
    expect(check(asEvent(ipcEvent(ours, { url: 'http://localhost:5173/', parent: null })))).toBe(false);
    expect(check(asEvent(ipcEvent(ours, { url: 'app://bitig/', parent: {} })))).toBe(false);
    expect(check(asEvent(ipcEvent(new FakeWebContents())))).toBe(false);
  });
});

describe('forwardEvents', () => {
  it('sends every event to the window on the event channel, until disposed', async () => {
    registerContract(ipcMain as never, station, trusted());
    const dispose = forwardEvents(station.events, ours as unknown as WebContents);
    await call('settings.setLanguage', { language: 'kk' });
    expect(ours.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, {
      topic: 'settings.changed',
      payload: expect.objectContaining({ language: 'kk' }),
    });
    dispose();
    ours.send.mockClear();
    await call('settings.setLanguage', { language: 'en' });
    expect(ours.send).not.toHaveBeenCalled();
  });

  it('unsubscribes by itself when the webContents is destroyed', () => {
    const hub = new EventHub();
    const unsubscribes: ReturnType<typeof vi.fn>[] = [];
    const events = {
      on: vi.fn(<T extends Topic>(topic: T, listener: (payload: Events[T]) => void) => {
        const off = vi.fn(hub.on(topic, listener));
        unsubscribes.push(off);
        return off;
      }),
    };
    forwardEvents(events, ours as unknown as WebContents);
    expect(unsubscribes.length).toBeGreaterThan(0);
    ours.destroy();
    for (const off of unsubscribes) expect(off).toHaveBeenCalledTimes(1);
  });

  it('does not send to a destroyed webContents', () => {
    const events = new EventHub();
    forwardEvents(events, ours as unknown as WebContents);
    ours.destroyed = true; // destroyed, 'destroyed' not yet emitted
    events.emit('settings.changed', station.settings.get());
    expect(ours.send).not.toHaveBeenCalled();
  });
});
