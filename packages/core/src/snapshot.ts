/**
 * Flow snapshots: the JSON `flow.toJSON()` writes and `auth.resumeFlow` reads back.
 * @module
 */
import { validationError } from './fail.js';
import { checkSnapshotShape } from './guard/snapshot-check.js'; // p15 (issue #15)
import type { AuthFlowType, FlowSnapshot } from './types.js';

/** The snapshot format this core writes and reads. */
export const SNAPSHOT_FORMAT = 'nextstep.flow/1';

const AUTH_FLOWS: readonly AuthFlowType[] = ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_WITH_SRP', 'CUSTOM_WITHOUT_SRP', 'USER_AUTH'];

/** A snapshot from a value or its JSON text; throws `InvalidFlowSnapshot` when it is none. */
export function readSnapshot(snapshot: unknown): FlowSnapshot {
  let value = snapshot;
  if (typeof snapshot === 'string') {
    try {
      value = JSON.parse(snapshot);
    } catch {
      throw validationError('InvalidFlowSnapshot', 'The flow snapshot is not valid JSON.');
    }
  }
  checkSnapshotShape(value); // p15 (issue #15): every field, deeply
  const s = value as FlowSnapshot;
  const ok =
    !!s &&
    typeof s === 'object' &&
    s.format === SNAPSHOT_FORMAT &&
    typeof s.id === 'string' &&
    typeof s.username === 'string' &&
    typeof s.answerUsername === 'string' &&
    AUTH_FLOWS.includes(s.authFlow) &&
    typeof s.userPoolId === 'string' &&
    typeof s.clientId === 'string' &&
    (s.session === undefined || typeof s.session === 'string') &&
    (s.expiresAt === undefined || typeof s.expiresAt === 'number') &&
    typeof s.status === 'string' &&
    !!s.step &&
    typeof s.step.type === 'string' &&
    typeof s.step.challengeName === 'string' &&
    typeof s.step.parameters === 'object' &&
    typeof s.step.data === 'object' &&
    !!s.state &&
    typeof s.state === 'object';
  if (!ok) throw validationError('InvalidFlowSnapshot', 'This is not a flow snapshot from flow.toJSON().');
  return s;
}
