/** What differs between the hosts of the one app. */
export interface Platform {
  kind: 'web' | 'desktop';
  /** The PWA talks to the server that served it; the desktop app asks at first sign-in (null). */
  fixedServerUrl: string | null;
  /** The server URL used last time (desktop), to prefill the sign-in form. */
  lastServerUrl?: string | null;
}
