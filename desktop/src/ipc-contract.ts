/**
 * The narrow bridge between the Electron renderer and the main process, which hosts the replica engine. The preload
 * exposes exactly `MakBridge` as `window.mak`; nothing of Node reaches the renderer. The engine's own messages
 * (`UiToHost` / `HostToUi` of shared/src/engine/rpc.ts) travel on one channel each way.
 */
import type { HostToUi, UiToHost } from '@mak/shared/engine';

export const IPC_CHANNELS = {
  /** renderer → main: one engine message (`UiToHost`); main validates it and drops anything else. */
  engineToHost: 'mak:engine:to-host',
  /** main → renderer: one engine message (`HostToUi`). */
  engineToUi: 'mak:engine:to-ui',
  /** renderer → main, sent by the preload once per page load: a fresh engine connection (a reload drops the old one). */
  engineConnect: 'mak:engine:connect',
  /** renderer → main (invoke): what the renderer needs before it mounts the app. */
  platform: 'mak:platform',
} as const;

/** What the main process tells the renderer at start-up. */
export interface DesktopPlatformInfo {
  /** The server URL of the last sign-in, to prefill the form; null before the first one. */
  lastServerUrl: string | null;
  /** The app version, for the about box. */
  version: string;
}

/** `window.mak`, as the preload exposes it. */
export interface MakBridge {
  engine: {
    post(message: UiToHost): void;
    /** Registers the single receiver of the main process's engine messages. */
    onMessage(receive: (message: HostToUi) => void): void;
  };
  platform(): Promise<DesktopPlatformInfo>;
}
