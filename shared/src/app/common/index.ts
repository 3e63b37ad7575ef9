export {
  EngineProvider,
  type LiveResult,
  useCan,
  useEngine,
  useLiveQuery,
  usePlatform,
  useSession,
  useSyncStatus,
  useUser,
} from './engine-context.tsx';
export { formatDate, formatDateTime, formatMoney } from './format.ts';
export { fieldErrors, useMutate } from './mutate.ts';
