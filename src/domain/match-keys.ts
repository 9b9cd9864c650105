// The keys duplicate detection compares customers by. The store keeps them on every customer (and a
// migration computed them for existing rows with the same rules in SQL), so a match is an index
// look-up. Change one place, change both.

/** Normalised names: case, punctuation and legal-form suffixes do not make a different business. */
function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\b(ltd|limited|plc|inc|llc|gmbh|co|corp|corporation)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The name key; null when nothing is left to compare (a name of only legal-form words). */
export function nameKey(name: string): string | null {
  return normaliseName(name) || null;
}

/** Emails compare without case or surrounding spaces. */
export function emailKey(email: string | null | undefined): string | null {
  return email?.trim().toLowerCase() || null;
}
