import { describe, expect, it } from 'vitest';
import { TargetPause } from '../../../electron/station/sync/target-pause.js';
import { ManualClock, settle } from './fakes.js';

/** A pause over a target whose answers to the probe are scripted (true, false, or a throw). */
function pauseWith(answers: Array<boolean | Error>, running = true) {
  const clock = new ManualClock();
  const seen = { probes: 0, resumes: 0, changes: 0 };
  const pause = new TargetPause({
    target: {
      probe: async () => {
        seen.probes++;
        const answer = answers.shift() ?? false;
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
    clock,
    probeIntervalMs: 1_000,
    running: () => running,
    onResume: () => seen.resumes++,
    onChange: () => seen.changes++,
  });
  return { clock, pause, seen };
}

describe('target pause', () => {
  it('is unknown at first, online once the target answered, offline and paused when it is away', () => {
    const { clock, pause, seen } = pauseWith([]);
    expect([pause.online, pause.paused]).toEqual([null, false]);
    pause.markOnline();
    pause.markOnline();
    expect([pause.online, seen.changes]).toEqual([true, 1]);
    pause.pause();
    pause.pause();
    expect([pause.online, pause.paused, seen.changes, clock.pendingTimers]).toEqual([false, true, 2, 1]);
  });

  it('probes every interval while the target is away (a throw is away), and resumes once it answers', async () => {
    const { clock, pause, seen } = pauseWith([false, new Error('refused'), true]);
    pause.pause();
    clock.advance(999);
    expect(seen.probes).toBe(0);
    for (const probes of [1, 2]) {
      clock.advance(1);
      await settle();
      expect([seen.probes, pause.paused, seen.resumes]).toEqual([probes, true, 0]);
      clock.advance(999);
    }
    clock.advance(1);
    await settle();
    expect([seen.probes, pause.paused, pause.online, seen.resumes, clock.pendingTimers]).toEqual([
      3,
      false,
      true,
      1,
      0,
    ]);
  });

  it('outside background mode a failed probe is not repeated; cancel stops the scheduled one', async () => {
    const stopped = pauseWith([false], false);
    stopped.pause.pause();
    stopped.clock.advance(1_000);
    await settle();
    expect([stopped.seen.probes, stopped.pause.paused, stopped.clock.pendingTimers]).toEqual([1, true, 0]);

    const cancelled = pauseWith([]);
    cancelled.pause.pause();
    cancelled.pause.cancel();
    cancelled.clock.advance(5_000);
    expect([cancelled.seen.probes, cancelled.clock.pendingTimers]).toEqual([0, 0]);
  });

  it('probes asked for together share one question', async () => {
    const { pause, seen } = pauseWith([true]);
    pause.pause();
    await Promise.all([pause.probe(), pause.probe()]);
    expect([seen.probes, seen.resumes, pause.paused]).toEqual([1, 1, false]);
  });
});
