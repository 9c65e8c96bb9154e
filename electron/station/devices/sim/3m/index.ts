import { THREEM_SERIAL } from '../../rfid/readers/threem/threem-reader.js';
import { type SimOnPty, serveOnPty } from '../../rfid/sim-kit/serve-on-pty.js';
import { ThreeMSimulator, type ThreeMSimulatorOptions } from './threem-simulator.js';

export { ThreeMSimulator, type ThreeMSimulatorOptions } from './threem-simulator.js';

/** A 3M pad behind a socat pseudo-terminal at its real serial settings (19200 8N1 unless told). */
export function startThreeMSimulatorOnPty(
  options: ThreeMSimulatorOptions = {},
): Promise<SimOnPty<ThreeMSimulator>> {
  const baudRate = options.baudRate ?? THREEM_SERIAL.baudRate;
  return serveOnPty(new ThreeMSimulator({ ...options, baudRate }), { ...THREEM_SERIAL, baudRate }, '3m');
}
