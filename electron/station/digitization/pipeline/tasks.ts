import sharp from 'sharp';
import { DigitizationError } from '../errors.js';
import { derive } from './derive.js';
import type { DeriveInput, SerializedError, StoreInput, TaskMessage } from './protocol.js';
import { storeMaster } from './store-master.js';

// Each master is read once; libvips' operation cache would only hold on to memory between pages.
sharp.cache(false);

/** Runs one task inside a worker and reports what it made along the way. */
export function runTask(message: TaskMessage, progress: (data: unknown) => void): Promise<unknown> {
  switch (message.kind) {
    case 'store':
      return storeMaster(message.input as StoreInput);
    case 'derive':
      return derive(message.input as DeriveInput, progress);
    default:
      return Promise.reject(new Error(`Unknown pipeline task ${message.kind}.`));
  }
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof DigitizationError) return { name: err.name, message: err.message, reason: err.reason };
  if (err instanceof Error) {
    const { code, path } = err as NodeJS.ErrnoException;
    return {
      name: err.name,
      message: err.message,
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof path === 'string' ? { path } : {}),
    };
  }
  return { name: 'Error', message: String(err) };
}
