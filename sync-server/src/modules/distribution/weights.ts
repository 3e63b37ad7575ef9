/** How strongly each grade pulls leads in the weighted round robin (gold gets three for bronze's one). */
export const GRADE_WEIGHTS: Record<string, number> = { bronze: 1, silver: 2, gold: 3 };

export interface Candidate {
  partnerId: string;
  grade: string;
  /** Offers received in the rotation window. */
  load: number;
  /** When it was last offered a lead (ms), or 0 if never: the longest-waiting wins a tie. */
  lastOfferAt: number;
}

/**
 * Weighted round robin without shared state: the next lead goes to whoever is furthest below its share, i.e. has
 * the smallest (load + 1) / weight. Over many leads each partner's count tends to its weight's share (40:60 →
 * out of 5 leads, 2 and 3), and the same inputs always give the same pick.
 */
export function orderCandidates(cs: Candidate[]): Candidate[] {
  const score = (c: Candidate) => (c.load + 1) / (GRADE_WEIGHTS[c.grade] ?? 1);
  return [...cs].sort(
    (a, b) => score(a) - score(b) || a.lastOfferAt - b.lastOfferAt || a.partnerId.localeCompare(b.partnerId),
  );
}
