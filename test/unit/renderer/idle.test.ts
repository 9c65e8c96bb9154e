import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type IdleState, IdleTimer } from '../../../renderer/src/screens/kiosk/idle.js';

describe('idle timer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(timeoutMs = 60_000, warningMs = 20_000) {
    const states: IdleState[] = [];
    const onExpire = vi.fn();
    const timer = new IdleTimer({ timeoutMs, warningMs, onChange: (s) => states.push(s), onExpire });
    timer.start();
    return { timer, states, onExpire };
  }

  it('ends the session on time when the wall clock is set back an hour during the countdown', () => {
    const { timer, onExpire } = setup(60_000, 5_000);
    vi.advanceTimersByTime(60_000);
    expect(timer.state).toEqual({ phase: 'warning', secondsLeft: 5 });
    // An NTP correction or staff setting the time: Date jumps, elapsed time does not.
    vi.setSystemTime(Date.now() - 3_600_000);
    vi.advanceTimersByTime(5_000);
    expect(timer.state).toEqual({ phase: 'expired' });
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('warns after the timeout, counts down each second, then expires once', () => {
    const { timer, states, onExpire } = setup(60_000, 5_000);
    vi.advanceTimersByTime(59_999);
    expect(timer.state).toEqual({ phase: 'active' });
    vi.advanceTimersByTime(1);
    expect(timer.state).toEqual({ phase: 'warning', secondsLeft: 5 });
    vi.advanceTimersByTime(1_000);
    expect(timer.state).toEqual({ phase: 'warning', secondsLeft: 4 });
    vi.advanceTimersByTime(3_999);
    expect(timer.state).toEqual({ phase: 'warning', secondsLeft: 1 });
    expect(onExpire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(timer.state).toEqual({ phase: 'expired' });
    expect(onExpire).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(600_000);
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(states.map((s) => (s.phase === 'warning' ? s.secondsLeft : s.phase))).toEqual([
      5,
      4,
      3,
      2,
      1,
      'expired',
    ]);
  });

  it('starts over on activity, before and during the warning', () => {
    const { timer, onExpire } = setup(60_000, 20_000);
    vi.advanceTimersByTime(50_000);
    timer.activity();
    vi.advanceTimersByTime(50_000);
    expect(timer.state.phase).toBe('active');
    vi.advanceTimersByTime(15_000);
    expect(timer.state).toEqual({ phase: 'warning', secondsLeft: 15 });
    // "I'm still here"
    timer.activity();
    expect(timer.state).toEqual({ phase: 'active' });
    vi.advanceTimersByTime(79_999);
    expect(onExpire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('does nothing once stopped, and activity after expiry does not revive it', () => {
    const { timer, onExpire } = setup(1_000, 1_000);
    timer.stop();
    vi.advanceTimersByTime(10_000);
    expect(onExpire).not.toHaveBeenCalled();
    timer.start();
    vi.advanceTimersByTime(2_000);
    expect(onExpire).toHaveBeenCalledTimes(1);
    timer.activity();
    vi.advanceTimersByTime(10_000);
    expect(timer.state.phase).toBe('expired');
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('runs with the kiosk’s shortest settings (15 s, then 5 s)', () => {
    const { onExpire } = setup(15_000, 5_000);
    vi.advanceTimersByTime(19_999);
    expect(onExpire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });
});
