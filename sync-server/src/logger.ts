import pino, { type Logger } from 'pino';

/** Root logger. Secrets are redacted here once, so no module can leak them by logging a request or a user. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.passwordHash',
        '*.token',
        '*.totp',
        '*.totpSecret',
        '*.recoveryCodes',
      ],
      censor: '[redacted]',
    },
  });
}
