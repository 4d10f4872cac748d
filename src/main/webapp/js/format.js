// Times and durations as every page shows them, in the browser's locale.

/** A date-time for tables: "22 Nov 2026, 07:12", or the fallback when empty. */
export function when(iso, fallback = '—') {
  if (!iso) return fallback;
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The locale's full date and time, or the fallback when empty. */
export function dateTime(iso, fallback = '—') {
  return iso ? new Date(iso).toLocaleString() : fallback;
}

/** The locale's time of day (expiry times a few minutes ahead). */
export function timeOfDay(iso) {
  return new Date(iso).toLocaleTimeString();
}

/** A race clock, h:mm:ss, from milliseconds; '—' when unknown. */
export function raceClock(ms) {
  if (ms === null || ms === undefined) return '—';
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** A lap time, m:ss.SSS, from milliseconds. */
export function lapTime(ms) {
  const s = ms / 1000;
  return `${Math.floor(s / 60)}:${(s % 60).toFixed(3).padStart(6, '0')}`;
}

/** A byte count in binary units: 1.5 MiB. */
export function bytes(n) {
  if (n == null) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return (unit === 0 ? String(value) : value.toFixed(1)) + ' ' + units[unit];
}
