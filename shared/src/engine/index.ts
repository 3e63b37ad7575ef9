export * from './contract.ts';
export {
  createEngineHost,
  type EngineHost,
  type EngineHostOptions,
  principalOf,
  type SessionStore,
  type StoredSession,
  toEngineStatus,
} from './host.ts';
export { engineClient, type HostToUi, type Port, serveEngine, type UiToHost } from './rpc.ts';
