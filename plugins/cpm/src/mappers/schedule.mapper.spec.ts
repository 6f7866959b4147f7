import { silentLogger } from '@backbridge/plugin-sdk';
import { ValidationFailedError, type Schedule } from '@backbridge/core';
import created from '../../test/fixtures/schedules-create-response.json';
import updated from '../../test/fixtures/schedules-update-response.json';
import listed from '../../test/fixtures/schedules-list-response.json';
import type { CpmSchedule } from '../dto/cpm-dto';
import { fromCpmSchedule, toCpmSchedule } from './schedule.mapper';

const read = (schedule: CpmSchedule) => fromCpmSchedule(schedule, silentLogger);

describe('fromCpmSchedule', () => {
  it('reads the weekly sample (§2.1.1) as weekly on the weekday and time of its start date', () => {
    const { schedule, warnings } = read(created.payload);
    // 2018-08-01 was a Wednesday; no timezone field, so UTC with a warning.
    expect(schedule).toEqual({ frequency: 'weekly', interval: 1, daysOfWeek: ['WE'], at: { hour: 12, minute: 0 }, timezone: 'UTC' });
    expect(warnings).toEqual([expect.stringContaining("configured time zone")]);
  });

  it('reads the digit "0" of the update sample (§2.1.2) as the Months unit', () => {
    expect(read(updated.payload).schedule).toEqual({ frequency: 'monthly', interval: 1, daysOfMonth: [1], at: { hour: 12, minute: 0 }, timezone: 'UTC' });
  });

  it('reads every schedule of the list sample (§2.1.3), minutes as hourly with a warning', () => {
    const byName = Object.fromEntries(listed.payload.map((s) => [s.name, read(s as CpmSchedule)]));
    expect(byName['5minutes'].schedule).toMatchObject({ frequency: 'hourly', interval: 1 });
    expect(byName['5minutes'].warnings.join(' ')).toContain('every 5 minutes');
    expect(byName['10hours'].schedule).toMatchObject({ frequency: 'hourly', interval: 10, at: { hour: 13, minute: 11 } });
    expect(byName['7weeks'].schedule).toMatchObject({ frequency: 'weekly', interval: 7, daysOfWeek: ['MO'] });
    expect(byName['1month'].schedule).toMatchObject({ frequency: 'monthly', interval: 1, daysOfMonth: [20], at: { hour: 14, minute: 43 } });
    expect(byName['2months'].schedule).toMatchObject({ frequency: 'monthly', interval: 2, daysOfMonth: [20] });
  });

  it('reads a daily schedule that skips weekend days as weekly on the allowed days', () => {
    const schedule = read({ ...listed.payload[1], every_unit: 'D', every_how_many: 1, allow_on_saturday: false, allow_on_sunday: false, timezone: 'GMT' }).schedule;
    expect(schedule).toMatchObject({ frequency: 'weekly', interval: 1, daysOfWeek: ['MO', 'TU', 'WE', 'TH', 'FR'], timezone: 'UTC' });
  });

  it('reads an unknown unit as daily and says so, never silently', () => {
    const warn = jest.fn();
    const reading = fromCpmSchedule({ ...created.payload, every_unit: 'X' }, { ...silentLogger, warn });
    expect(reading.schedule.frequency).toBe('daily');
    expect(reading.warnings.join(' ')).toContain("unknown unit 'X'");
    expect(warn).toHaveBeenCalled();
  });
});

describe('toCpmSchedule', () => {
  const base: Schedule = { frequency: 'daily', interval: 1, at: { hour: 2, minute: 30 }, timezone: 'Europe/Berlin' };

  it('writes a start date whose wall-clock time in the zone is `at`, and round-trips', () => {
    const { body } = toCpmSchedule(base, 'schedules[0]', 'p-s1', 1);
    expect(body).toMatchObject({ name: 'p-s1', user: 1, every_unit: 'D', every_how_many: 1, timezone: 'Europe/Berlin', start_date: '2026-01-01T01:30:00.000Z' });
    expect(read(body).schedule).toEqual(base);
  });

  it('writes UTC as GMT, the value CPM lists first', () => {
    expect(toCpmSchedule({ ...base, timezone: 'UTC' }, 's', 'n', 1).body.timezone).toBe('GMT');
  });

  it('writes weekly-on-days as daily with allow_on flags, and reads it back as weekly', () => {
    const weekly: Schedule = { ...base, frequency: 'weekly', daysOfWeek: ['MO', 'TH'] };
    const { body } = toCpmSchedule(weekly, 's', 'n', 1);
    expect(body).toMatchObject({ every_unit: 'D', allow_on_monday: true, allow_on_thursday: true, allow_on_tuesday: false, allow_on_sunday: false });
    expect(read(body).schedule).toEqual(weekly);
  });

  it('writes every n weeks on one weekday as W with a start date on that weekday', () => {
    const weekly: Schedule = { ...base, frequency: 'weekly', interval: 2, daysOfWeek: ['FR'] };
    const { body, warnings } = toCpmSchedule(weekly, 's', 'n', 1);
    expect(body).toMatchObject({ every_unit: 'W', every_how_many: 2 });
    expect(read(body).schedule).toEqual(weekly);
    expect(warnings).toHaveLength(1);
  });

  it('refuses what one CPM schedule cannot say, naming the field', () => {
    const twoDays = () => toCpmSchedule({ ...base, frequency: 'weekly', interval: 2, daysOfWeek: ['MO', 'FR'] }, 'schedules[1]', 'n', 1);
    expect(twoDays).toThrow(ValidationFailedError);
    expect(twoDays).toThrow('schedules[1].daysOfWeek');
    expect(() => toCpmSchedule({ ...base, frequency: 'monthly', daysOfMonth: [31] }, 'schedules[0]', 'n', 1)).toThrow('schedules[0].daysOfMonth');
    expect(() => toCpmSchedule({ ...base, frequency: 'monthly', daysOfMonth: [1, 15] }, 'schedules[0]', 'n', 1)).toThrow('schedules[0].daysOfMonth');
  });

  it('writes monthly as O on the day of its start date', () => {
    const monthly: Schedule = { ...base, frequency: 'monthly', daysOfMonth: [15], timezone: 'UTC' };
    const { body } = toCpmSchedule(monthly, 's', 'n', 1);
    expect(body).toMatchObject({ every_unit: 'O', start_date: '2026-01-15T02:30:00.000Z' });
    expect(read(body).schedule).toEqual(monthly);
  });
});
