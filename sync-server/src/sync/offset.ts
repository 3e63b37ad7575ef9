/**
 * Shape log offsets (protocol §3): `-1` (before everything) or `<tx>_<op>` with op an integer or `inf`.
 * Snapshot chunks live at tx 0 (`0_<chunk>`, ending at `0_inf`); real changes at `<tx_seq>_<2 × op_pos (+1)>`
 * (the odd position is the insert half of a primary-key change).
 */
export type Offset = { kind: 'before-all' } | { kind: 'at'; tx: bigint; op: bigint | 'inf' };

export const BEFORE_ALL: Offset = { kind: 'before-all' };
const OFFSET = /^(\d{1,19})_(\d{1,19}|inf)$/;
const MAX_TX = 2n ** 63n - 1n;

/** null when `text` is not an offset. `now` is the caller's business (unsupported, §10.9). */
export function parseOffset(text: string): Offset | null {
  if (text === '-1') return BEFORE_ALL;
  const m = OFFSET.exec(text);
  if (!m) return null;
  const tx = BigInt(m[1] as string);
  const op = m[2] === 'inf' ? 'inf' : BigInt(m[2] as string);
  if (tx > MAX_TX || (op !== 'inf' && op > MAX_TX)) return null;
  return { kind: 'at', tx, op };
}

export function formatOffset(o: Offset): string {
  return o.kind === 'before-all' ? '-1' : `${o.tx}_${o.op}`;
}

export const at = (tx: bigint, op: bigint | 'inf'): Offset => ({ kind: 'at', tx, op });

/** Tuple order with `-1` first and `inf` above every op. */
export function compareOffsets(a: Offset, b: Offset): number {
  if (a.kind === 'before-all' || b.kind === 'before-all') {
    return (a.kind === 'before-all' ? 0 : 1) - (b.kind === 'before-all' ? 0 : 1);
  }
  if (a.tx !== b.tx) return a.tx < b.tx ? -1 : 1;
  if (a.op === b.op) return 0;
  if (a.op === 'inf') return 1;
  if (b.op === 'inf') return -1;
  return a.op < b.op ? -1 : 1;
}
