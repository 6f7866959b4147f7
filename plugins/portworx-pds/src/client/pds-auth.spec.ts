import { fixture } from '../../test/fixtures';
import { parseGoDuration } from './pds-auth';

describe(parseGoDuration.name, () => {
  it.each([
    ['24h0m0s', 86_400_000],
    ['90m', 5_400_000],
    ['1h30m15.5s', 5_415_500],
    ['500ms', 500],
  ])('reads %p', (text, ms) => expect(parseGoDuration(text)).toBe(ms));

  it('gives up on the documented sample value ("string") and on nothing', () => {
    const { response } = fixture<{ response: { valid_for: string } }>('generate-token');
    expect(parseGoDuration(response.valid_for)).toBeUndefined();
    expect(parseGoDuration(undefined)).toBeUndefined();
  });
});
