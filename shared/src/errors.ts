/** Transport-neutral error. Each edge maps `code` once (HTTP status, mutation rejection, bot reply). */
export const ERROR_CODES = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'locked',
  'totp_required',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `custom.budget` or `phones.0`. */
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldIssue[];
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { fields?: FieldIssue[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'DomainError';
    this.code = code;
    this.fields = opts.fields ?? [];
    this.details = opts.details;
  }

  static validation(field: string, message: string): DomainError {
    return new DomainError('validation', `${field}: ${message}`, { fields: [{ field, message }] });
  }

  static notFound(what: string): DomainError {
    return new DomainError('not_found', `${what} not found`);
  }

  static forbidden(message = 'Not allowed'): DomainError {
    return new DomainError('forbidden', message);
  }
}
