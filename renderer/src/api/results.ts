import type { ContractError, ErrorCode, Result } from '@contract/index.js';

export function failure(code: ErrorCode, message: string): Result<never> {
  const error: ContractError = { code, message };
  return { ok: false, error };
}

export function disconnected(message = 'Not connected to the station.'): Result<never> {
  return failure('DISCONNECTED', message);
}

/** A reply's `result` as it came off the wire: only its outline is checked, the core owns the rest. */
export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if (r.ok === true) return true;
  if (r.ok !== false) return false;
  const e = r.error as Record<string, unknown> | null | undefined;
  return typeof e === 'object' && e !== null && typeof e.code === 'string' && typeof e.message === 'string';
}

export function isDisconnected(error: ContractError): boolean {
  return error.code === 'DISCONNECTED';
}
