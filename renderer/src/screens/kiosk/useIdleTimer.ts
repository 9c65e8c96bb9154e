import { useEffect, useRef, useState } from 'react';
import { type IdleState, IdleTimer } from './idle.js';

/** Any of these on the window counts as someone being there. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Runs the idle timeout while `enabled`: returns the state (for the warning overlay) and
 * `stillHere` for its button. `onExpire` is called once at zero; the latest one is used.
 */
export function useIdleTimer(
  enabled: boolean,
  timeoutSeconds: number,
  warningSeconds: number,
  onExpire: () => void,
): { state: IdleState; stillHere: () => void } {
  const [state, setState] = useState<IdleState>({ phase: 'active' });
  const latest = useRef(onExpire);
  latest.current = onExpire;
  const timer = useRef<IdleTimer | null>(null);

  useEffect(() => {
    if (!enabled) {
      setState({ phase: 'active' });
      return;
    }
    const idle = new IdleTimer({
      timeoutMs: timeoutSeconds * 1000,
      warningMs: warningSeconds * 1000,
      onChange: setState,
      onExpire: () => latest.current(),
    });
    timer.current = idle;
    const activity = () => idle.activity();
    for (const type of ACTIVITY_EVENTS)
      window.addEventListener(type, activity, { capture: true, passive: true });
    idle.start();
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, activity, { capture: true });
      idle.stop();
      timer.current = null;
    };
  }, [enabled, timeoutSeconds, warningSeconds]);

  return { state, stillHere: () => timer.current?.activity() };
}
