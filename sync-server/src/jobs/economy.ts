import { closeDueLots } from '../modules/auction/closing.ts';
import { recallExpiredOffers } from '../modules/distribution/engine.ts';
import {
  accrueCommissions,
  approveDueCommissions,
  reverseCommissions,
} from '../modules/referrals/commissions.ts';
import { registerSweep } from './sweeps.ts';

/** The partner economy's due work. Imported once by the server before its scheduler starts. */
registerSweep('auction.close', async (db) => (await closeDueLots(db)).length);
registerSweep('offers.recall', recallExpiredOffers);
registerSweep('commissions.accrue', accrueCommissions);
registerSweep('commissions.reverse', reverseCommissions);
registerSweep('commissions.approve', approveDueCommissions);
