import { FEIG_SERIAL } from '../../rfid/readers/feig/feig-reader.js';
import { type SimOnPty, serveOnPty } from '../../rfid/sim-kit/serve-on-pty.js';
import { FeigSimulator, type FeigSimulatorOptions } from './feig-simulator.js';

export { FeigSimulator, type FeigSimulatorOptions } from './feig-simulator.js';

/**
 * A FEIG reader behind a socat pseudo-terminal at its real serial settings (38400 8E1 unless told):
 * open `path` with the real driver.
 */
export function startFeigSimulatorOnPty(
  options: FeigSimulatorOptions = {},
): Promise<SimOnPty<FeigSimulator>> {
  const baudRate = options.baudRate ?? FEIG_SERIAL.baudRate;
  return serveOnPty(new FeigSimulator({ ...options, baudRate }), { ...FEIG_SERIAL, baudRate }, 'feig');
}
