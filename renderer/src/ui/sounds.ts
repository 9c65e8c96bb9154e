/**
 * Short tones for "done" and "not done", made with the Web Audio API (no sound files). Where there
 * is no audio (no device, a policy that blocks it, a test runner) nothing is played and nothing fails.
 */

export type SoundKind = 'success' | 'failure';

interface Tone {
  frequency: number;
  /** Start, from now, in seconds. */
  at: number;
  duration: number;
  type: OscillatorType;
}

/** Success: two quick rising notes. Failure: two low, longer notes. */
export const TONES: Record<SoundKind, Tone[]> = {
  success: [
    { frequency: 880, at: 0, duration: 0.09, type: 'sine' },
    { frequency: 1320, at: 0.11, duration: 0.14, type: 'sine' },
  ],
  failure: [
    { frequency: 330, at: 0, duration: 0.18, type: 'square' },
    { frequency: 220, at: 0.22, duration: 0.28, type: 'square' },
  ],
};

/** The part of AudioContext used here; tests pass a fake. */
export type AudioContextLike = Pick<
  AudioContext,
  'currentTime' | 'destination' | 'state' | 'resume' | 'createOscillator' | 'createGain'
>;

export interface SoundPlayer {
  play(kind: SoundKind): void;
}

function defaultContext(): AudioContextLike | null {
  const Ctor = (globalThis as { AudioContext?: new () => AudioContext }).AudioContext;
  return Ctor ? new Ctor() : null;
}

/** The context is made on the first play (browsers allow audio only after a user gesture anyway). */
export function createSoundPlayer(makeContext: () => AudioContextLike | null = defaultContext): SoundPlayer {
  let context: AudioContextLike | null | undefined;
  return {
    play(kind) {
      try {
        if (context === undefined) context = makeContext();
        if (!context) return;
        if (context.state === 'suspended') void context.resume().catch(() => {});
        const start = context.currentTime;
        for (const tone of TONES[kind]) {
          const osc = context.createOscillator();
          const gain = context.createGain();
          osc.type = tone.type;
          osc.frequency.value = tone.frequency;
          // A soft attack and release, so the tone does not click.
          const t0 = start + tone.at;
          const t1 = t0 + tone.duration;
          gain.gain.setValueAtTime(0.0001, t0);
          gain.gain.exponentialRampToValueAtTime(0.18, t0 + 0.015);
          gain.gain.exponentialRampToValueAtTime(0.0001, t1);
          osc.connect(gain);
          gain.connect(context.destination);
          osc.start(t0);
          osc.stop(t1 + 0.02);
        }
      } catch {
        // No audio here: the screen says the same thing.
        context = null;
      }
    },
  };
}
