import { parseIbmJson } from './lossless-json';

describe('parseIbmJson', () => {
  it('keeps integers beyond 2^53 as their exact digits, and leaves every other value as JSON.parse does', () => {
    const text = '{"connectionId":530243354208762051,"id":11,"ratio":1.5,"big":[-9007199254740993],"runId":"11261:1719755265289584","usecs":1719755265289584}';
    expect(parseIbmJson(text)).toEqual({
      connectionId: '530243354208762051',
      id: 11,
      ratio: 1.5,
      big: ['-9007199254740993'],
      runId: '11261:1719755265289584',
      usecs: 1719755265289584,
    });
  });

  it('keeps a 16-digit integer above 2^53, and digits inside strings as they are', () => {
    expect(parseIbmJson('{"a":9007199254740993, "b" : [ "x:9007199254740993" ]}')).toEqual({ a: '9007199254740993', b: ['x:9007199254740993'] });
    expect(parseIbmJson('[9007199254740991]')).toEqual([9007199254740991]);
  });

  it('answers what JSON.parse answers when no integer is too big', () => {
    const text = '{"runs":[{"id":"1:2","localBackupInfo":{"startTimeUsecs":1719755265289584}}],"totalRuns":1}';
    expect(parseIbmJson(text)).toEqual(JSON.parse(text));
  });
});
