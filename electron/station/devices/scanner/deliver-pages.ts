import type { ScanControl } from './scan-control.js';
import type { PageHandler, ScannedPage, ScanResult } from './scanner.js';
import { ScannerError } from './scanner-error.js';

/** Thrown through the loop so the consumer's own errors are not mistaken for the driver's. */
class ConsumerError {
  constructor(readonly error: unknown) {}
}

/** A driver's side of one batch, as `deliverPages` asks for it. */
export interface PageSource {
  /** Page `sequence` (1, 2, …), or undefined when the batch has ended normally. */
  next(sequence: number): Promise<ScannedPage | undefined>;
  /** Whether the batch ends after this page without asking for another (a flatbed's one page). */
  lastPage?(page: ScannedPage): boolean;
}

/**
 * The page-delivery loop every driver's `scan()` shares: `open` readies the device, then pages are
 * fetched one at a time and handed to `onPage`, waiting for it before the next (a slow consumer
 * holds the feeder back). A cancel between pages stops the batch; a failure is the driver's error
 * (`asError`) or `cancelled`, counting the pages `onPage` had; an error `onPage` throws is passed
 * on as it is. Cleaning up (sane_cancel, deleting an eSCL job) is the caller's `finally`.
 */
export async function deliverPages(
  control: ScanControl,
  onPage: PageHandler,
  open: () => Promise<PageSource>,
  asError: (err: unknown) => ScannerError,
): Promise<ScanResult> {
  let delivered = 0;
  try {
    const source = await open();
    for (;;) {
      control.throwIfCancelled(delivered);
      const sequence = delivered + 1;
      const page = await source.next(sequence);
      if (!page) break;
      delivered = sequence;
      try {
        await onPage(page);
      } catch (err) {
        throw new ConsumerError(err);
      }
      if (source.lastPage?.(page)) break;
    }
    return { pages: delivered };
  } catch (err) {
    if (err instanceof ConsumerError) throw err.error;
    if (control.cancelled) {
      throw new ScannerError('cancelled', 'the scan was cancelled', {
        cause: err,
        pagesDelivered: delivered,
      });
    }
    throw asError(err).withPagesDelivered(delivered);
  }
}
