import { isMethodName, type MethodName, type MethodOutput, methods, type Result } from './contract.js';
import { StationError } from './errors.js';

/** The core's implementation of each contract method, after its input has been validated. */
export type Handlers = {
  [M in MethodName]: (
    input: import('zod').output<(typeof methods)[M]['input']>,
  ) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;

/**
 * Turns untrusted (method, input) pairs into results. Both hosts call this and nothing else, so
 * validation and error shaping are the same whichever transport a request came over. Never throws.
 */
export function createDispatch(
  handlers: Handlers,
  onInternalError?: (method: string, err: unknown) => void,
  /** Errors that are not bugs though not StationErrors (the database's disk full): their sentence. */
  explain?: (err: unknown) => StationError | null,
): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      return fail(new StationError('UNKNOWN_METHOD', `No such method: ${String(method).slice(0, 80)}`));
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

function fail(err: StationError): Result<never> {
  return { ok: false, error: err.toContract() };
}
