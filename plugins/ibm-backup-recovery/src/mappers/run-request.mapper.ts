/** Bodies of the run calls: "run now" (optionally for some objects of the group) and cancel. */

export function createRunRequest(objectIds?: number[]): Record<string, unknown> {
  return { runType: 'kRegular', ...(objectIds && { objects: objectIds.map((id) => ({ id })) }) };
}

export function cancelRunRequest(runId: string, localTaskId?: string): Record<string, unknown> {
  return { action: 'Cancel', cancelParams: [{ runId, ...(localTaskId && { localTaskId }) }] };
}

export function deleteRunSnapshotsRequest(runId: string): Record<string, unknown> {
  return { updateProtectionGroupRunParams: [{ runId, localSnapshotConfig: { deleteSnapshot: true } }] };
}
