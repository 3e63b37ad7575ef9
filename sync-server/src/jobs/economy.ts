import { closeDueLots } from '../modules/auction/closing.ts';
import { recallExpiredOffers } from '../modules/distribution/engine.ts';
import { registerSweep } from './sweeps.ts';

/** The partner economy's due work. Imported once by the server before its scheduler starts. */
registerSweep('auction.close', async (db) => (await closeDueLots(db)).length);
registerSweep('offers.recall', recallExpiredOffers);
