/** Opaque NextToken / PaginationToken paging over a list, as Cognito's List* operations page. */
import { errors } from './errors.js';
import { optNumber, optString, type Input } from './params.js';

function lowerFirst(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}

/**
 * One page of `items`: `limitMember` (Limit / MaxResults, 1..max, default `max`) items from
 * the position `tokenMember` names. The token encodes the position and the list it came from,
 * so a token of another list answers InvalidParameterException.
 */
export function paginate<T>(input: Input, items: readonly T[], opts: { limitMember: string; tokenMember: string; max: number; scope: string; min?: number }): { page: T[]; next?: string } {
  const limit = optNumber(input, opts.limitMember) ?? opts.max;
  const min = opts.min ?? 0;
  if (!Number.isInteger(limit) || limit < min) throw errors.invalidParameter(`1 validation error detected: Value '${limit}' at '${lowerFirst(opts.limitMember)}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  if (limit > opts.max) throw errors.invalidParameter(`1 validation error detected: Value '${limit}' at '${lowerFirst(opts.limitMember)}' failed to satisfy constraint: Member must have value less than or equal to ${opts.max}`);
  const token = optString(input, opts.tokenMember);
  let start = 0;
  if (token !== undefined) {
    const [scope, at] = Buffer.from(token, 'base64url').toString('utf8').split('\n');
    start = Number(at);
    if (scope !== opts.scope || !Number.isInteger(start) || start < 0) throw errors.invalidParameter('Invalid pagination token.');
  }
  const page = items.slice(start, start + (limit || opts.max));
  const end = start + page.length;
  return { page, ...(end < items.length ? { next: Buffer.from(`${opts.scope}\n${end}`).toString('base64url') } : {}) };
}
