import { useEffect, useState } from 'react';

/** `value` once it has held for `ms` (false at once): keeps a brief blip from flashing a banner. */
export function useDelayedTrue(value: boolean, ms: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!value) {
      setShown(false);
      return;
    }
    const id = setTimeout(() => setShown(true), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return shown;
}
