import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { flag, jsonObject, listOf, number, orNull, requiredList, requiredText, string, text, zone } from '../../src/sources/lenient-json.ts';

// The pieces every platform's JSON is read through. Scraped JSON is often malformed and
// sometimes hostile: a field of the wrong type must cost that field, never an exception.

const WRONG_TYPES: unknown[] = [undefined, null, true, {}, [], ['x'], { a: 1 }, NaN, Infinity, -Infinity];

describe('text', () => {
  it('reads a string trimmed, and a finite number written as a string', () => {
    expect(text.parse('  Rust night  ')).toBe('Rust night');
    expect(text.parse(42)).toBe('42');
    expect(text.parse(0)).toBe('0');
  });

  it('reads an empty or blank string, and every other type, as null', () => {
    for (const value of ['', '   ', ...WRONG_TYPES]) expect(text.parse(value)).toBeNull();
  });

  it('has a required form that fails where the lenient one gives null', () => {
    expect(requiredText.parse(' x ')).toBe('x');
    for (const value of ['', ...WRONG_TYPES]) expect(requiredText.safeParse(value).success).toBe(false);
  });
});

describe('string', () => {
  it('keeps a string exactly as written, empty or padded, and reads every other type as null', () => {
    expect(string.parse('')).toBe('');
    expect(string.parse(' @spokanetech ')).toBe(' @spokanetech ');
    for (const value of [42, ...WRONG_TYPES]) expect(string.parse(value)).toBeNull();
  });
});

describe('number', () => {
  it('reads a finite number, and a string that reads as one (Eventbrite quotes its latitudes)', () => {
    expect(number.parse(47.6588)).toBe(47.6588);
    expect(number.parse('47.6588')).toBe(47.6588);
    expect(number.parse(' -117.4260 ')).toBe(-117.426);
    expect(number.parse(0)).toBe(0);
  });

  it('reads words, blank strings, infinities and every other type as null', () => {
    for (const value of ['', ' ', 'north', '12 km', 'Infinity', ...WRONG_TYPES]) expect(number.parse(value)).toBeNull();
  });
});

describe('flag', () => {
  it('is set by true alone, not by "true", 1 or a missing value', () => {
    expect(flag.parse(true)).toBe(true);
    for (const value of [false, 'true', 1, ...WRONG_TYPES.filter((value) => value !== true)]) expect(flag.parse(value)).toBe(false);
  });
});

describe('zone', () => {
  it('reads an IANA zone name, trimmed, and nothing else', () => {
    expect(zone.parse(' America/Los_Angeles ')).toBe('America/Los_Angeles');
    for (const value of ['+01:00', 'Mars/Olympus_Mons', '', ...WRONG_TYPES]) expect(zone.parse(value)).toBeNull();
  });
});

describe('objects and lists', () => {
  const Venue = z.object({ name: text, lat: number, lon: number });

  it('reads an object of wrong-typed fields as nulls, without throwing', () => {
    expect(Venue.parse({ name: ['Hall'], lat: {}, lon: 'west' })).toEqual({ name: null, lat: null, lon: null });
  });

  it('reads a nested object that is missing or not an object as null', () => {
    const Event = z.object({ venue: orNull(Venue) });
    expect(Event.parse({})).toEqual({ venue: null });
    for (const venue of ['Hall', 3, [], null]) expect(Event.parse({ venue })).toEqual({ venue: null });
    expect(Event.parse({ venue: { name: 'Hall' } })).toEqual({ venue: { name: 'Hall', lat: null, lon: null } });
  });

  it('keeps the items of a list it can read, in order, and drops the rest', () => {
    expect(listOf(Venue).parse([{ name: 'A' }, 'B', null, 7, { name: 'C' }]).map((venue) => venue.name)).toEqual(['A', 'C']);
  });

  it('has a required form that fails for anything but a list', () => {
    expect(requiredList(Venue).parse([{ name: 'A' }, 'B'])).toEqual([{ name: 'A', lat: null, lon: null }]);
    for (const value of ['A', { name: 'A' }, null, undefined]) expect(requiredList(Venue).safeParse(value).success).toBe(false);
  });

  it('reads anything but a list as no items', () => {
    for (const value of ['A', { name: 'A' }, ...WRONG_TYPES.filter((value) => !Array.isArray(value))]) {
      expect(listOf(Venue).parse(value)).toEqual([]);
    }
  });

  it('reads any object as an object with its values unread, and anything else as null', () => {
    expect(jsonObject.parse({ 'Event:1': { title: 'A' } })).toEqual({ 'Event:1': { title: 'A' } });
    for (const value of ['A', 3, [], null, undefined]) expect(jsonObject.parse(value)).toBeNull();
  });
});
