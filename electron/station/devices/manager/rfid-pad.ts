import { EventEmitter } from 'node:events';
import { openRfidReader } from '../rfid/open-reader.js';
import { PadMonitor, type PadMonitorOptions } from '../rfid/pad/pad-monitor.js';
import type { OpenRfidReader, RfidPresence, RfidReaderHandle } from './events.js';

/**
 * The RFID drivers as the device manager uses them: `openRfidReader` (FEIG or 3M on a serial line)
 * with a `PadMonitor` polling it, whose "arrived"/"left" become `rfid.present`. The monitor stays
 * reachable for security writes (`DeviceManager.rfidPad`), which must queue with the polling.
 */
export function padReaderOpener(monitorOptions: PadMonitorOptions = {}): OpenRfidReader {
  return async (options) => {
    const reader = await openRfidReader(options);
    const monitor = new PadMonitor(reader, monitorOptions);
    const events = new EventEmitter();
    let closed = false;
    const gone = (error?: Error) => {
      if (closed) return;
      closed = true;
      events.emit('close', error);
    };
    monitor.on('arrived', (tag) => events.emit('present', { change: 'arrived', tag } satisfies RfidPresence));
    monitor.on('left', ({ uid, at }) =>
      events.emit('present', { change: 'left', uid, at } satisfies RfidPresence),
    );
    monitor.on('disconnected', (error) => gone(error));
    reader.onDisconnect((error) => {
      void monitor.stop();
      gone(error);
    });
    monitor.start();
    const handle: RfidReaderHandle = {
      monitor,
      onPresent: (listener) => {
        events.on('present', listener);
        return () => events.off('present', listener);
      },
      onClose: (listener) => {
        events.on('close', listener);
        return () => events.off('close', listener);
      },
      close: async () => {
        closed = true;
        await monitor.stop();
        await reader.close();
      },
    };
    return handle;
  };
}
