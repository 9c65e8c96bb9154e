import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BRIDGE_NAME,
  IPC_CALL_PREFIX,
  IPC_EVENT_CHANNEL,
  type StationApi,
} from '../../../electron/station/contract/index.js';
import { electronFake, FakeEvent } from './fakes.js';

vi.mock('electron', async () => (await import('./fakes.js')).electronFake);

const ipcRenderer = electronFake.ipcRenderer;
let api: StationApi;

beforeAll(async () => {
  await import('../../../electron/main/preload.js');
  api = electronFake.contextBridge.exposed.get(BRIDGE_NAME) as StationApi;
});

beforeEach(() => {
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockReset();
});

/** Sends an event from "main" the way Electron delivers it: IpcRendererEvent first. */
function deliver(topic: string, payload: unknown): void {
  ipcRenderer.emit(IPC_EVENT_CHANNEL, new FakeEvent({ sender: ipcRenderer }), { topic, payload });
}

describe('the preload bridge', () => {
  it('exposes exactly call and on, once, under the bridge name', () => {
    expect(electronFake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electronFake.contextBridge.exposeInMainWorld).toHaveBeenCalledWith(BRIDGE_NAME, expect.anything());
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(typeof api.call).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('call invokes the method channel with the input and returns the Result', async () => {
    ipcRenderer.invoke.mockResolvedValue({ ok: true, value: { language: 'ru' } });
    const result = await api.call('settings.setLanguage', { language: 'ru' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(`${IPC_CALL_PREFIX}settings.setLanguage`, {
      language: 'ru',
    });
    expect(result).toEqual({ ok: true, value: { language: 'ru' } });
  });

  it('passes error Results through untouched', async () => {
    const refused = { ok: false, error: { code: 'FORBIDDEN', message: 'no' } };
    ipcRenderer.invoke.mockResolvedValue(refused);
    await expect(api.call('settings.get', {})).resolves.toEqual(refused);
  });

  it('turns "no handler registered" into UNKNOWN_METHOD instead of rejecting', async () => {
    ipcRenderer.invoke.mockRejectedValue(
      new Error(
        "Error invoking remote method 'bitig:call:settings.get': Error: No handler registered for 'bitig:call:settings.get'",
      ),
    );
    const result = await api.call('settings.get', {});
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNKNOWN_METHOD' }) });
  });

  it('turns any other failed invoke into DISCONNECTED', async () => {
    ipcRenderer.invoke.mockRejectedValue(new Error('An object could not be cloned.'));
    const result = await api.call('settings.get', {});
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'DISCONNECTED' }) });
    expect(JSON.stringify(result)).not.toContain('cloned');
  });

  it('refuses a name outside the contract without touching IPC', async () => {
    const result = await api.call('evil.method' as never, {} as never);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNKNOWN_METHOD' }) });
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('on delivers only its topic, only the payload, and unsubscribes', () => {
    const listener = vi.fn();
    const off = api.on('settings.changed', listener);
    deliver('other.topic', { x: 1 });
    expect(listener).not.toHaveBeenCalled();
    deliver('settings.changed', { language: 'kk' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ language: 'kk' }]);
    off();
    expect(ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
    deliver('settings.changed', { language: 'en' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('unsubscribing one listener leaves the others subscribed', () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.on('settings.changed', a);
    api.on('settings.changed', b);
    offA();
    offA();
    deliver('settings.changed', { language: 'ru' });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith({ language: 'ru' });
  });

  it('ignores subscriptions to topics outside the contract', () => {
    const off = api.on('no.such.topic' as never, vi.fn());
    expect(ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
    expect(typeof off).toBe('function');
  });
});
