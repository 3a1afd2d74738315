/**
 * Flow snapshots: the JSON `flow.toJSON()` writes and `auth.resumeFlow` reads back.
 * @module
 */
import { validationError } from './fail.js';
import { checkSnapshotShape } from './guard/snapshot-check.js'; // p15 (issue #15)
import type { FlowSnapshot } from './types.js';

/** The snapshot format this core writes and reads. */
export const SNAPSHOT_FORMAT = 'nextstep.flow/1';

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
  // p15 (issue #15): every field, deeply (the shape flow.toJSON() writes).
  checkSnapshotShape(value);
  return value as FlowSnapshot;
}
