/**
 * Cognito's TIMESTAMP for PASSWORD_VERIFIER.
 * @module
 */

/**
 * Formats a date as Cognito expects TIMESTAMP: `ddd MMM D HH:mm:ss UTC YYYY` in UTC, the day
 * not zero-padded, e.g. `Tue Aug 6 09:05:03 UTC 2024`. The service signs this exact text.
 */
export function formatTimestamp(date: Date): string {
  if (!Number.isFinite(date.getTime())) throw new RangeError('formatTimestamp: invalid Date');
  // toUTCString is "Tue, 06 Aug 2024 09:05:03 GMT" everywhere (its format is specified):
  // the English names and the time come from it, the unpadded day and the year from numbers.
  const [day, , month, , hms] = date.toUTCString().split(' ');
  return `${day!.slice(0, 3)} ${month} ${date.getUTCDate()} ${hms} UTC ${date.getUTCFullYear()}`;
}
