// zod probes `new Function` once to decide whether to compile its parsers; under the app's CSP (no 'unsafe-eval') the
// probe fails quietly but still reports a violation. Imported first by the page and the worker, before any schema.
import { z } from 'zod';

z.config({ jitless: true });
