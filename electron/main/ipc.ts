/**
 * The desktop transport of the contract: one `ipcMain.handle` per method, and one channel that
 * carries every event to a window. Validation and error shaping live in the core's dispatch, so this
 * file only decides WHO may call, and makes sure nothing throws back across the boundary (a rejected
 * invoke would reach the page as an Error carrying main-process text).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  IPC_CALL_PREFIX,
  IPC_EVENT_CHANNEL,
  METHOD_NAMES,
  type Result,
  TOPICS,
} from '../station/contract/index.js';
import type { Dispatch } from '../station/dispatch.js';
import type { EventHub } from '../station/events.js';
import { isAppUrl } from './origin.js';

/** Decides whether an IPC message may reach the core. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This caller may not use the station.' },
};
const INTERNAL: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'The station could not complete this request.' },
};

/**
 * The sender check the app uses: the message must come from a live frame that is the TOP frame of
 * one of our windows' webContents, showing a page of our own origin. A subframe (should one ever
 * be let in), a page that navigated elsewhere, or a webContents that is not one of our windows is
 * refused even though it runs our preload.
 */
export function createSenderCheck(isOurWebContents: (contents: WebContents) => boolean): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame) return false; // navigated away or destroyed since it sent
    if (frame.parent !== null) return false;
    if (!isAppUrl(frame.url)) return false;
    return isOurWebContents(event.sender);
  };
}

/**
 * Registers a handler for EVERY contract method, so the set of IPC channels is exactly the
 * contract. Returns a function that removes them again.
 */
export function registerContract(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  station: { dispatch: Dispatch },
  isTrustedSender: SenderCheck,
  log: (message: string, err?: unknown) => void = () => {},
): () => void {
  const channels = METHOD_NAMES.map((name) => {
    const channel = IPC_CALL_PREFIX + name;
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      try {
        if (!isTrustedSender(event)) {
          log(`refused ${name} from an untrusted sender`);
          return FORBIDDEN;
        }
        return await station.dispatch(name, input);
      } catch (err) {
        // dispatch never throws; the sender check might (a frame torn down mid-read).
        log(`${name} failed in the IPC layer`, err);
        return INTERNAL;
      }
    });
    return channel;
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/**
 * Forwards every contract topic to one window as `{topic, payload}` on the event channel, until the
 * returned disposer runs or the webContents is destroyed.
 */
export function forwardEvents(
  events: Pick<EventHub, 'on'>,
  contents: Pick<WebContents, 'send' | 'isDestroyed' | 'once'>,
): () => void {
  const unsubscribes = TOPICS.map((topic) =>
    events.on(topic, (payload) => {
      if (contents.isDestroyed()) return;
      try {
        contents.send(IPC_EVENT_CHANNEL, { topic, payload });
      } catch {
        // The renderer went away between the check and the send; the next window resubscribes.
      }
    }),
  );
  let active = true;
  const dispose = () => {
    if (!active) return;
    active = false;
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
  contents.once('destroyed', dispose);
  return dispose;
}
