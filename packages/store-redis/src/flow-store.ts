/**
 * Flows between steps on Redis: one key per flow with its TTL; a claim swaps the value for
 * a marker in one Lua script, so exactly one instance gets to answer.
 * @module
 */
import type { FlowClaim, FlowStore } from '@nextstep/core';
import { checkOptions, guarded, script, type RedisStoreOptions } from './redis.js';

/** Sealed envelopes start with "ns1.", so the marker can never be a flow. */
const CLAIMED = '!claimed';

// KEYS[1] flow key; ARGV[1] lease ms, ARGV[2] marker. The lease never outlives the flow's TTL.
const CLAIM = script(`
local v = redis.call('GET', KEYS[1])
if not v then return false end
if v == ARGV[2] then return 0 end
local lease = tonumber(ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 and ttl < lease then lease = ttl end
redis.call('SET', KEYS[1], ARGV[2], 'PX', lease)
return v
`);

/**
 * A {@link FlowStore} on Redis for `serverFlows`: any instance sharing the Redis (and the
 * prefix) answers any flow; one claim wins. Flows do not outlive a Redis restart unless the
 * server persists its data (AOF/RDB); see the server-side guide.
 */
export function redisFlowStore(options: RedisStoreOptions): FlowStore {
  const { redis, prefix } = checkOptions(options, 'redisFlowStore');
  const key = (id: string) => `${prefix}flow:${id}`;
  return {
    async save(flowId, value, ttlMs) {
      await guarded(() => redis.set(key(flowId), value, 'PX', Math.max(1, Math.ceil(ttlMs))));
    },
    async claim(flowId, leaseMs): Promise<FlowClaim> {
      const found = await CLAIM(redis, [key(flowId)], [Math.max(1, Math.ceil(leaseMs)), CLAIMED]);
      if (found === null || found === undefined) return { status: 'missing' };
      if (found === 0) return { status: 'busy' };
      return { status: 'claimed', value: String(found) };
    },
    async remove(flowId) {
      await guarded(() => redis.del(key(flowId)));
    },
  };
}
