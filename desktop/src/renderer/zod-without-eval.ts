// zod probes `new Function('')` when its object schemas are built, to pick compiled parsers. The CSP forbids eval:
// the probe fails quietly but still reports a violation. Imported first by main.tsx, before any schema exists.
import { z } from 'zod';

z.config({ jitless: true });
