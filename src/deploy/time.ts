/** RFC 3339 in UTC, without fractional seconds when they are zero. */
export function formatTime(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
