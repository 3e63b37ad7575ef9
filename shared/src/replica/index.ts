export { watchQuery } from './live.ts';
export { applyLocalSchema, localSchema, SYNCED_TABLES } from './local-schema.ts';
export type { Mutator, MutatorArgs, MutatorContext, MutatorRegistry, MutatorTx } from './mutator-port.ts';
export {
  type ConnectOptions,
  type OpenReplicaOptions,
  openReplica,
  type Replica,
  type ReplicaPg,
} from './open.ts';
export type { MutationResult } from './outbox.ts';
export { FALLBACK_SHAPES, type ShapeRef } from './shapes.ts';
export type { RejectedMutation, SyncError, SyncStatus } from './status.ts';
