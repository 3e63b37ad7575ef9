/** Custom values without the empty ones: a create need not send "nothing" for every field. */
export function compactCustom(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(
      ([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && !v.length),
    ),
  );
}

/** The form field a mutation's issue path belongs to: `phones.0` → `phones`; `custom.x` stays as is. */
export function issueField(path: string): string {
  if (path.startsWith('custom.')) return path;
  return path.split('.')[0] ?? path;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields of `next` that differ from `base`, and what they were: a per-field patch (so offline edits of other
 * fields survive) with its base for conflict detection. Custom values are patched per key; a removed key is null.
 */
export function diffPatch(
  base: Record<string, unknown>,
  next: Record<string, unknown>,
): { patch: Record<string, unknown>; base: Record<string, unknown> } {
  const patch: Record<string, unknown> = {};
  const was: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (key === 'custom') continue;
    if (!same(base[key], value)) {
      patch[key] = value;
      was[key] = base[key] ?? null;
    }
  }
  const baseCustom = (base.custom ?? {}) as Record<string, unknown>;
  const nextCustom = (next.custom ?? {}) as Record<string, unknown>;
  const custom: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(baseCustom), ...Object.keys(nextCustom)])) {
    const value = nextCustom[key] === '' || nextCustom[key] === undefined ? null : nextCustom[key];
    if (!same(baseCustom[key], value)) custom[key] = value;
  }
  if (Object.keys(custom).length) {
    patch.custom = custom;
    was.custom = baseCustom;
  }
  return { patch, base: was };
}
