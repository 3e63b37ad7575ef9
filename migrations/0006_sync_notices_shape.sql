-- Hand-written: sync notices now reach their user through the `sync_notices` user shape (each user syncs only
-- their own, sync-server/src/sync/user-shapes.ts), and dismissing one is the `notice.dismiss` mutation. Their
-- changes enter the sync change log like every other synced table's (0003, 0005), from the start rather than at
-- the first shape request.
SELECT sync_install_capture('sync_notices'::regclass, '{}');
