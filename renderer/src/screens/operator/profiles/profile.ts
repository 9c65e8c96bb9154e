/** The scan profile's choices, in the order the new-job screen offers them (from the contract). */
import { ScanProfile } from '@contract/index.js';

export const SOURCES = ScanProfile.shape.source.unwrap().options;
export const MODES = ScanProfile.shape.mode.unwrap().options;
/** `ScannerSummary.kind` of demo mode's simulated feeder. */
export const DEMO_KIND = 'demo';
