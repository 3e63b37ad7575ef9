/** A protocol-level failure: answered as Electric answers it (JSON body, no-store), never as a 500. */
export class ShapeError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 503,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(
      typeof body === 'object' && body && 'message' in body ? String(body.message) : `shape error ${status}`,
    );
  }
}

/** 400 `{"message":"Invalid request","errors":{field:[msg]}}` (protocol §4.1). */
export function invalid(field: string, message: string): ShapeError {
  return new ShapeError(400, { message: 'Invalid request', errors: { [field]: [message] } });
}

export const unauthorized = (message = 'Unauthorized - Invalid API secret'): ShapeError =>
  new ShapeError(401, { message });

export const forbidden = (message: string): ShapeError => new ShapeError(403, { message });
