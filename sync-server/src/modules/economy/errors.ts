import { DomainError } from '@mak/shared/errors';

/** A business rule said no: 409 with a machine-readable `reason` beside the message. */
export function refused(reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('conflict', message, { details: { reason, ...details } });
}
