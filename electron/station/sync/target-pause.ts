import type { Clock } from './clock.js';
import type { SyncTarget } from './target.js';

export interface TargetPauseOptions {
  target: Pick<SyncTarget, 'probe'>;
  clock: Clock;
  /** How often a paused target is probed. */
  probeIntervalMs: number;
  /** Whether the dispatcher is in background mode (only then is a paused target probed again). */
  running: () => boolean;
  /** The target answers again: work resumes. Called after the state changed. */
  onResume: () => void;
  onChange: () => void;
}

/**
 * Whether one target answers: an unreachable target pauses its dispatcher and is probed every
 * `probeIntervalMs` until it answers again.
 */
export class TargetPause {
  readonly #o: TargetPauseOptions;
  #paused = false;
  #online: boolean | null = null;
  #cancelProbe: (() => void) | null = null;
  #probing: Promise<void> | null = null;

  constructor(options: TargetPauseOptions) {
    this.#o = options;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Null until the target was first asked or answered. */
  get online(): boolean | null {
    return this.#online;
  }

  /** The target answered something. */
  markOnline(): void {
    if (this.#online === true) return;
    this.#online = true;
    this.#o.onChange();
  }

  /** The target is away: work stops and the probe is scheduled. */
  pause(): void {
    this.#online = false;
    if (this.#paused) return;
    this.#paused = true;
    this.#o.onChange();
    this.#scheduleProbe();
  }

  /** Stops the scheduled probe (the dispatcher leaves background mode). */
  cancel(): void {
    this.#cancelProbe?.();
    this.#cancelProbe = null;
  }

  /** Asks the target whether it answers; resumes work when it does, else probes again later. */
  probe(): Promise<void> {
    this.#probing ??= (async () => {
      let up = false;
      try {
        up = await this.#o.target.probe();
      } catch {
        up = false;
      }
      if (up) {
        this.cancel();
        this.#paused = false;
        this.#online = true;
        this.#o.onResume();
      } else {
        this.#online = false;
        if (this.#paused && this.#o.running()) this.#scheduleProbe();
        this.#o.onChange();
      }
    })().finally(() => {
      this.#probing = null;
    });
    return this.#probing;
  }

  #scheduleProbe(): void {
    this.#cancelProbe?.();
    this.#cancelProbe = this.#o.clock.setTimer(() => {
      this.#cancelProbe = null;
      void this.probe();
    }, this.#o.probeIntervalMs);
  }
}
