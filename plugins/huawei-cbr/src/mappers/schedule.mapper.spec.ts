import { fromCbrPatterns, parsePattern, toCbrPatterns } from './schedule.mapper';

const winter = new Date('2026-01-15T00:00:00Z');

describe('toCbrPatterns', () => {
  it('moves times to UTC: 14:00 in UTC+8 every day is BYHOUR=06 (the seed example)', () => {
    const { patterns } = toCbrPatterns([{ frequency: 'daily', interval: 1, at: { hour: 14, minute: 0 }, timezone: 'Asia/Shanghai' }], winter);
    expect(patterns).toEqual(['FREQ=DAILY;INTERVAL=1;BYHOUR=06;BYMINUTE=00']);
  });

  it('shifts weekly days when the conversion crosses midnight, and warns about daylight saving time', () => {
    const { patterns, warnings } = toCbrPatterns([{ frequency: 'weekly', interval: 1, at: { hour: 0, minute: 30 }, daysOfWeek: ['MO', 'TH'], timezone: 'Europe/Berlin' }], winter);
    expect(patterns).toEqual(['FREQ=WEEKLY;BYDAY=WE,SU;BYHOUR=23;BYMINUTE=30']);
    expect(warnings[0]).toMatch(/UTC/);
  });

  it('turns an hourly schedule into one DAILY pattern per run hour', () => {
    const { patterns, warnings } = toCbrPatterns([{ frequency: 'hourly', interval: 6, at: { hour: 2, minute: 15 }, timezone: 'UTC' }], winter);
    expect(patterns).toEqual(['02', '08', '14', '20'].map((h) => `FREQ=DAILY;INTERVAL=1;BYHOUR=${h};BYMINUTE=15`));
    expect(warnings).toEqual([]);
  });

  it('refuses runs less than an hour apart', () => {
    expect(() =>
      toCbrPatterns(
        [
          { frequency: 'daily', interval: 1, at: { hour: 1, minute: 0 }, timezone: 'UTC' },
          { frequency: 'daily', interval: 1, at: { hour: 1, minute: 30 }, timezone: 'UTC' },
        ],
        winter,
      ),
    ).toThrow(/an hour apart/);
  });
});

describe('fromCbrPatterns', () => {
  it('reads the seed patterns, in any key order and with one-digit hours', () => {
    const { schedules, warnings } = fromCbrPatterns(['FREQ=WEEKLY;BYDAY=SU,MO,TU,WE,TH,FR,SA;BYHOUR=23;BYMINUTE=00', 'BYMINUTE=00;BYHOUR=6;INTERVAL=5;FREQ=DAILY']);
    expect(warnings).toEqual([]);
    expect(schedules).toEqual([
      { frequency: 'weekly', interval: 1, at: { hour: 23, minute: 0 }, daysOfWeek: ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'], timezone: 'UTC' },
      { frequency: 'daily', interval: 5, at: { hour: 6, minute: 0 }, timezone: 'UTC' },
    ]);
  });

  it('folds a day of evenly spaced runs back into an hourly schedule', () => {
    const { patterns } = toCbrPatterns([{ frequency: 'hourly', interval: 8, at: { hour: 1, minute: 5 }, timezone: 'UTC' }], winter);
    expect(fromCbrPatterns(patterns).schedules).toEqual([{ frequency: 'hourly', interval: 8, at: { hour: 1, minute: 5 }, timezone: 'UTC' }]);
  });

  it('leaves out what it cannot read, with a warning', () => {
    const { schedules, warnings } = fromCbrPatterns(['FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=1;BYMINUTE=0']);
    expect(schedules).toEqual([]);
    expect(warnings[0]).toMatch(/FREQ=MONTHLY/);
    expect(parsePattern('FREQ=WEEKLY;BYHOUR=1;BYMINUTE=0')).toBeUndefined();
  });
});
