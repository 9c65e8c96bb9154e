import {
  isMethodName,
  type MethodName,
  type MethodOutput,
  methods,
  type Result,
  type Role,
} from './contract/index.js';
import { StationError } from './errors.js';

/** The core's implementation of each contract method, after its input has been validated. */
export type Handlers = {
  [M in MethodName]: (
    input: import('zod').output<(typeof methods)[M]['input']>,
  ) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** The station's role now (null before first-run setup): another role's methods are refused. */
  role?: () => Role | null;
  onInternalError?: (method: string, err: unknown) => void;
  /** A method refused because it belongs to another role (or to none yet): worth a log line. */
  onRoleRefused?: (method: string, error: StationError) => void;
  /** Errors that are not bugs though not StationErrors (the database's disk full): their sentence. */
  explain?: (err: unknown) => StationError | null;
}

const ROLE_NAMES: Record<Role, string> = { kiosk: 'a self-service kiosk', station: 'a scanning station' };

/**
 * Turns untrusted (method, input) pairs into results. Both hosts call this and nothing else, so
 * validation and error shaping are the same whichever transport a request came over. Never throws.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  const { onInternalError, explain } = options;
  return async (method, input) => {
    if (!isMethodName(method)) {
      return fail(new StationError('UNKNOWN_METHOD', `No such method: ${String(method).slice(0, 80)}`));
    }
    const refusal = options.role ? roleRefusal(method, options.role()) : null;
    if (refusal) {
      options.onRoleRefused?.(method, refusal);
      return fail(refusal);
    }
    const parsed = methods[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(input)'))];
      return fail(
        new StationError('VALIDATION', `Invalid input for ${method}: ${fields.join(', ')}`, fields),
      );
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof StationError) return fail(err);
      const explained = explain?.(err);
      if (explained) return fail(explained);
      onInternalError?.(method, err);
      return fail(new StationError('INTERNAL', 'The station could not complete this request.'));
    }
  };
}

/** Checked before the input, so another role's station says nothing about that method's input. */
function roleRefusal(method: MethodName, role: Role | null): StationError | null {
  const owner = methods[method].role;
  if (owner === 'both' || owner === role) return null;
  if (role === null) {
    return new StationError(
      'NOT_SET_UP',
      `${method} needs the station set up as ${ROLE_NAMES[owner]} first.`,
    );
  }
  return new StationError(
    'WRONG_ROLE',
    `${method} is for ${ROLE_NAMES[owner]}; this station is ${ROLE_NAMES[role]}.`,
  );
}

function fail(err: StationError): Result<never> {
  return { ok: false, error: err.toContract() };
}
