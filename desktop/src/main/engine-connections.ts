/**
 * One engine, served to each renderer page over IPC. A page load (or reload) opens a fresh connection: the old
 * one's live queries stop and its late answers are dropped, so a reloaded page never receives answers meant for
 * the page before it (both number their calls from 1).
 */
import { type AppEngine, type HostToUi, serveEngine, type UiToHost } from '@mak/shared/engine';
import { parseUiToHost } from './engine-messages.ts';

export interface EngineConnections {
  /** A page (identified by `pageId`, e.g. its webContents id) started: serve it on a new connection. */
  connect(pageId: number, send: (message: HostToUi) => void): void;
  /** A message from a page; false when it was dropped (no connection, or not a valid `UiToHost`). */
  receive(pageId: number, raw: unknown): boolean;
  disconnect(pageId: number): void;
  closeAll(): void;
}

export function createEngineConnections(
  engine: AppEngine,
  onDropped: (pageId: number, raw: unknown) => void = () => {},
): EngineConnections {
  const open = new Map<number, { deliver: (message: UiToHost) => void; stop: () => void }>();

  const disconnect = (pageId: number) => {
    const connection = open.get(pageId);
    open.delete(pageId);
    connection?.stop();
  };

  return {
    connect(pageId, send) {
      disconnect(pageId);
      let live = true;
      let deliver: (message: UiToHost) => void = () => {};
      const stopServing = serveEngine(engine, {
        post(message) {
          if (live) send(message);
        },
        listen(receive) {
          deliver = receive;
        },
      });
      open.set(pageId, {
        deliver: (message) => deliver(message),
        stop() {
          live = false;
          stopServing();
        },
      });
    },
    receive(pageId, raw) {
      const connection = open.get(pageId);
      const message = connection ? parseUiToHost(raw) : null;
      if (!connection || !message) {
        onDropped(pageId, raw);
        return false;
      }
      connection.deliver(message);
      return true;
    },
    disconnect,
    closeAll() {
      for (const pageId of [...open.keys()]) disconnect(pageId);
    },
  };
}
