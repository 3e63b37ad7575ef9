/**
 * The Content-Security-Policy of the PWA. It applies to the page and, through the worker script's own response, to
 * the engine worker: PGlite compiles WebAssembly ('wasm-unsafe-eval'), Mantine writes inline styles, and the app talks
 * only to this origin (the API and /v1/shape).
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const WEB_APP_HEADERS: Record<string, string> = {
  'content-security-policy': WEB_APP_CSP,
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'x-content-type-options': 'nosniff',
};
