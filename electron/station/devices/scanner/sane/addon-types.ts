/** The shapes native/sane's addon (sane.node) takes and returns. */

export interface SaneVersion {
  major: number;
  minor: number;
  build: number;
}

export interface SaneDeviceInfo {
  name: string;
  vendor: string;
  model: string;
  type: string;
}

export type SaneValueType = 'bool' | 'int' | 'fixed' | 'string' | 'button' | 'group';
export type SaneUnit = 'none' | 'pixel' | 'bit' | 'mm' | 'dpi' | 'percent' | 'microsecond';

export type SaneConstraint =
  | { type: 'range'; min: number; max: number; quant: number }
  | { type: 'wordList'; values: number[] }
  | { type: 'stringList'; values: string[] };

export interface SaneOptionDescriptor {
  index: number;
  name: string;
  title: string;
  desc: string;
  type: SaneValueType;
  unit: SaneUnit;
  size: number;
  /** Number of values of a bool/int/fixed option (more than 1 for arrays such as gamma tables). */
  count?: number;
  cap: {
    softSelect: boolean;
    hardSelect: boolean;
    softDetect: boolean;
    emulated: boolean;
    automatic: boolean;
    inactive: boolean;
    advanced: boolean;
  };
  active: boolean;
  settable: boolean;
  constraint: SaneConstraint | null;
}

export type SaneValue = boolean | number | number[] | string | null;

export interface SaneSetResult {
  /** The backend rounded or clipped the value; `value` is what it kept. */
  inexact: boolean;
  /** Other options changed (their ranges, whether they are active): read descriptors again. */
  reloadOptions: boolean;
  /** The image parameters changed. */
  reloadParams: boolean;
  value: SaneValue;
}

export type SaneFrameFormat = 'gray' | 'rgb' | 'red' | 'green' | 'blue' | 'other';

export interface SaneParameters {
  format: SaneFrameFormat;
  formatValue: number;
  lastFrame: boolean;
  bytesPerLine: number;
  pixelsPerLine: number;
  /** -1 when the scanner does not know the height in advance. */
  lines: number;
  depth: number;
}

/** Opaque: only the addon can make or read one. */
export type SaneHandle = { readonly __saneHandle: unique symbol };

export interface SaneStatusRow {
  value: number;
  name: string;
  code: string;
}

export interface SaneAddon {
  init(options?: { configDir?: string }): SaneVersion;
  exit(): void;
  isInitialized(): boolean;
  getDevices(localOnly?: boolean): Promise<SaneDeviceInfo[]>;
  open(name: string): Promise<SaneHandle>;
  close(handle: SaneHandle): void;
  getOptions(handle: SaneHandle): SaneOptionDescriptor[];
  getOption(handle: SaneHandle, option: number | string): SaneValue;
  setOption(handle: SaneHandle, option: number | string, value: SaneValue): SaneSetResult;
  setOptionAuto(handle: SaneHandle, option: number | string): SaneSetResult;
  start(handle: SaneHandle): Promise<void>;
  getParameters(handle: SaneHandle): SaneParameters;
  read(
    handle: SaneHandle,
    onChunk: (chunk: Buffer) => void,
    options?: { chunkBytes?: number; flushMs?: number },
  ): Promise<{ bytes: number }>;
  cancel(handle: SaneHandle): void;
  statuses(): SaneStatusRow[];
  errorForStatus(status: number): Error;
}
