/** Short, human times for the inbox and transcript. */
export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** "45 s", "4 min", "2 h 5 min", "3 d". */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** The time now in a shopper's time zone, or undefined when the zone is unknown. */
export function localTimeIn(timezone: string | null, now = Date.now()): string | undefined {
  if (!timezone) return undefined;
  try {
    return new Date(now).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', timeZone: timezone });
  } catch {
    return undefined;
  }
}
