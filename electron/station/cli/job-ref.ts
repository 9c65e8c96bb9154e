import { InvalidArgumentError } from 'commander';

/**
 * How `bitig scan --job` and `bitig jobs show` name a job: by its number, or by the barcode of its
 * book. Digits below a million are a job number (item barcodes are longer); anything else is a barcode.
 */
export type JobRef = { id: number } | { barcode: string };

const JOB_NUMBER_LIMIT = 1_000_000;

export function parseJobRef(value: string): JobRef {
  const text = value.trim();
  if (/^\d+$/.test(text) && Number(text) < JOB_NUMBER_LIMIT) return { id: Number(text) };
  // The contract's bounds for an item barcode (jobs.create).
  if (text.length === 0 || text.length > 64 || /\p{Cc}/u.test(text))
    throw new InvalidArgumentError('not a job number or an item barcode');
  return { barcode: text };
}
