/**
 * Names of the hourly archive's files: one folder per UTC day, one file per
 * hour named by its start and end hour, so `23-24.json` is the last hour of a day.
 *
 * @example
 * hourFile(Date.UTC(2026, 10, 23, 6)) // '2026-11-23/06-07.json'
 * hourFile(Date.UTC(2026, 10, 23, 23)) // '2026-11-23/23-24.json'
 */

/** The archive file of the hour starting at `hourStart` (UTC), relative to the archive folder. */
export function hourFile(hourStart: number): string {
  const date = new Date(hourStart);
  const day = date.toISOString().slice(0, 10);
  const hour = date.getUTCHours();
  return `${day}/${pad(hour)}-${pad(hour + 1)}.json`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
