import { useEffect, useRef } from 'react';

/**
 * Moves the focus to the element (a screen's heading, with tabIndex -1) when it mounts and whenever
 * `key` changes, so a screen reader announces the new screen and Tab starts from its top.
 */
export function useFocusOnMount<T extends HTMLElement>(key?: unknown) {
  const ref = useRef<T>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the trigger, on purpose
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, [key]);
  return ref;
}
