import type { ScanProfile, ScanProfileInput } from './profile.js';
import type { ScannedPage, Scanner, ScanProgress } from './scanner.js';

/**
 * The pages of one scan as an async iterable, for callers that prefer `for await`. The scanner
 * fetches the next page only when the loop asks for it; leaving the loop early (break, throw)
 * cancels the scan. A failure after some pages is thrown where the loop would get the next one.
 */
export async function* scanPages(
  scanner: Scanner,
  profile: ScanProfile | ScanProfileInput,
  events: { onProgress?: (p: ScanProgress) => void; signal?: AbortSignal } = {},
): AsyncGenerator<ScannedPage, void, undefined> {
  let waiting: ((page: ScannedPage | undefined) => void) | undefined;
  let pending: ScannedPage | undefined;
  let taken: (() => void) | undefined;
  let done = false;
  let failure: { error: unknown } | undefined;

  const wake = (page: ScannedPage | undefined) => {
    const w = waiting;
    waiting = undefined;
    if (w) w(page);
    else pending = page;
  };

  const run = scanner
    .scan(
      profile,
      (page) =>
        new Promise<void>((resolve) => {
          taken = resolve;
          wake(page);
        }),
      events,
    )
    .catch((error: unknown) => {
      failure = { error };
    })
    .finally(() => {
      done = true;
      wake(undefined);
    });

  let finished = false;
  try {
    for (;;) {
      const page =
        pending ??
        (done
          ? undefined
          : await new Promise<ScannedPage | undefined>((resolve) => {
              waiting = resolve;
            }));
      pending = undefined;
      if (!page) break;
      yield page;
      const release = taken;
      taken = undefined;
      release?.();
    }
    await run;
    finished = true;
    if (failure) throw failure.error;
  } finally {
    if (!finished) {
      scanner.cancel();
      taken?.();
      await run;
    }
  }
}
