/** The one error type services throw: a stable code from the protocol's table, mapped at the edge. */
import { ERROR_CODES, type ErrorCode } from '@parley/protocol';

export class ParleyError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message?: string) {
    super(message ?? ERROR_CODES[code].message);
    this.name = 'ParleyError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
  }
}
