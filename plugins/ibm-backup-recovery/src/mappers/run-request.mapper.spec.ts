import { loadFixture } from '../../test/load-fixture';
import { cancelRunRequest, createRunRequest, deleteRunSnapshotsRequest } from './run-request.mapper';

describe('run request mapper', () => {
  it('asks for a whole-group run exactly as the seed example does', () => {
    expect(createRunRequest()).toEqual(loadFixture('create-protection-run.json'));
  });

  it('narrows a run to some objects of the group', () => {
    expect(createRunRequest([23])).toEqual({ runType: 'kRegular', objects: [{ id: 23 }] });
  });

  it('cancels a run exactly as the documented example does', () => {
    expect(cancelRunRequest('11261:1719755265289584', '4827366365722429:1717507647142:3703265')).toEqual(loadFixture('run-action-cancel.json'));
  });

  it('deletes the local snapshots of a run with updateProtectionGroupRunParams (not the docs typo UpdateProtectionGroupRunParams)', () => {
    expect(deleteRunSnapshotsRequest('11261:1719755265289584')).toEqual({
      updateProtectionGroupRunParams: [{ runId: '11261:1719755265289584', localSnapshotConfig: { deleteSnapshot: true } }],
    });
  });
});
