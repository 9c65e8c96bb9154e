/**
 * The preload: the only code that runs in the renderer's process with any access to Electron. It
 * runs sandboxed (no Node), and hands the page exactly two functions, `call` and `on`, so a page that
 * were ever compromised could do nothing the contract does not allow anyway. Nothing Electron-made
 * (an IpcRendererEvent, ipcRenderer itself) ever crosses into the page.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { ContractError, Events, Result, StationApi } from '../station/contract/index.js';
import {
  BRIDGE_NAME,
  IPC_CALL_PREFIX,
  IPC_EVENT_CHANNEL,
  isMethodName,
  TOPICS,
  type Topic,
} from '../station/contract/names.js';

/** Electron's message when `invoke` finds no `ipcMain.handle` for the channel. */
const NO_HANDLER = /no handler registered/i;

function failure(code: ContractError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Calls a contract method in the main process. Never rejects: a method the main process does not
 * handle is UNKNOWN_METHOD, and any other failure of the transport itself (main process gone, reply
 * not cloneable) is DISCONNECTED, the same codes the web host's client uses.
 */
export async function call(method: unknown, input: unknown): Promise<Result<unknown>> {
  // Refusing unknown names here keeps arbitrary channel names out of IPC entirely.
  if (!isMethodName(method)) {
    return failure('UNKNOWN_METHOD', `No such method: ${String(method).slice(0, 80)}`);
  }
  try {
    return (await ipcRenderer.invoke(IPC_CALL_PREFIX + method, input)) as Result<unknown>;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (NO_HANDLER.test(message)) return failure('UNKNOWN_METHOD', `No such method: ${method}`);
    return failure('DISCONNECTED', 'The station did not answer.');
  }
}

interface EventMessage {
  topic: unknown;
  payload: unknown;
}

/**
 * Subscribes to one topic. Every topic arrives on one channel; each subscription filters its own,
 * and the returned function removes exactly this subscription.
 */
export function on(topic: unknown, listener: unknown): () => void {
  if (typeof listener !== 'function' || !(TOPICS as readonly unknown[]).includes(topic)) {
    return () => {};
  }
  const handler = (_event: IpcRendererEvent, message: EventMessage) => {
    if (message?.topic !== topic) return;
    // Only the payload: the IpcRendererEvent would hand the page `sender`, i.e. ipcRenderer.
    (listener as (payload: unknown) => void)(message.payload);
  };
  ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  };
}

/** What the page sees as `window.bitig`: the contract's StationApi and nothing more. */
export const bridge: StationApi = {
  call: call as StationApi['call'],
  on: on as <T extends Topic>(topic: T, listener: (payload: Events[T]) => void) => () => void,
};

contextBridge.exposeInMainWorld(BRIDGE_NAME, bridge);
