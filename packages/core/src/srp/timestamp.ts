/**
 * Cognito's TIMESTAMP for PASSWORD_VERIFIER.
 * @module
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => (n < 10 ? '0' : '') + n;

/**
 * Formats a date as Cognito expects TIMESTAMP: `ddd MMM D HH:mm:ss UTC YYYY` in UTC, the day
 * not zero-padded, e.g. `Tue Aug 6 09:05:03 UTC 2024`. The service signs this exact text.
 */
export function formatTimestamp(date: Date): string {
  const time = date.getTime();
  if (!Number.isFinite(time)) throw new RangeError('formatTimestamp: invalid Date');
  return (
    `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}
