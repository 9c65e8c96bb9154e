/**
 * Faults the test ACS injects on demand, each for the next `count` requests (default 1) whose code
 * is in `codes` (default any, including 97):
 * - `drop`: close the connection `before` applying the transaction, or `after` applying it and
 *   before answering (the case where only item information can tell what happened);
 * - `delay`: answer `ms` late;
 * - `garbage`: apply, then answer with random bytes (or `bytes`) and a CR;
 * - `badChecksum`: apply, then answer with a wrong `AZ` (needs error detection); a 97 gets the good one;
 * - `resend`: answer 96 without applying, as a server does when it could not read the request.
 */
export type Fault = (
  | { kind: 'drop'; when: 'before' | 'after' }
  | { kind: 'delay'; ms: number }
  | { kind: 'garbage'; bytes?: Buffer }
  | { kind: 'badChecksum' }
  | { kind: 'resend' }
) & { count?: number; codes?: readonly string[] };

interface Active {
  fault: Fault;
  left: number;
}

export class FaultQueue {
  readonly #active: Active[] = [];

  add(fault: Fault): void {
    const count = fault.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError('A fault needs a count of at least 1');
    this.#active.push({ fault, left: count });
  }

  /** The fault for this request, if any, counting it as used. */
  take(code: string): Fault | null {
    const index = this.#active.findIndex((a) => !a.fault.codes || a.fault.codes.includes(code));
    if (index < 0) return null;
    const active = this.#active[index] as Active;
    active.left--;
    if (active.left === 0) this.#active.splice(index, 1);
    return active.fault;
  }

  clear(): void {
    this.#active.length = 0;
  }

  /** Faults still waiting for a request. */
  get pending(): number {
    return this.#active.length;
  }
}
