import { describe, expect, it } from 'vitest';
import { changeNotes } from '../../src/publish/view/changes.ts';
import type { EventChange } from '../../src/types.ts';
import { NOW, ZONE } from '../helpers/builders.ts';

const timeChanged: EventChange = {
  at: '2026-11-24T00:00:00Z',
  fields: ['time'],
  previous: { start: '2026-12-03T02:00:00Z', end: '2026-12-03T04:00:00Z', allDay: false },
};
const moved: EventChange = {
  at: '2026-11-25T00:00:00Z',
  fields: ['place'],
  previous: { venue: { name: 'The Hive', address: null, lat: null, lon: null }, attendance: 'in_person', onlineUrl: null },
};

describe('badges for what changed', () => {
  it('says "Time changed" for a week after the time changed upstream, then no longer', () => {
    expect(changeNotes([timeChanged], NOW, ZONE).badges).toEqual(['Time changed']);
    expect(changeNotes([timeChanged], new Date('2026-12-02T00:00:00Z'), ZONE).badges).toEqual([]);
  });

  it('says "Moved" when the place changed and "Renamed" when the title did, each once', () => {
    const renamed: EventChange = { at: '2026-11-25T12:00:00Z', fields: ['title', 'place'], previous: { title: 'Py Night', venue: null } };
    expect(changeNotes([moved, renamed], NOW, ZONE).badges).toEqual(['Moved', 'Renamed']);
  });

  it('gives no badge for a change of status: the event says cancelled or postponed itself', () => {
    expect(changeNotes([{ at: '2026-11-25T00:00:00Z', fields: ['status'], previous: { status: 'scheduled' } }], NOW, ZONE).badges).toEqual([]);
  });
});

describe('the list of what changed', () => {
  it('says "Moved" when the place changed, and keeps a log of what it was', () => {
    const notes = changeNotes([moved], NOW, ZONE);
    expect(notes.badges).toEqual(['Moved']);
    expect(notes.entries).toEqual([{ at: '2026-11-25T00:00:00Z', dayLabel: 'Tuesday, November 24, 2026', what: 'Place changed', was: 'The Hive' }]);
  });

  it('describes an earlier time in the change log in local time', () => {
    const [entry] = changeNotes([timeChanged], NOW, ZONE).entries;
    expect(entry).toMatchObject({ dayLabel: 'Monday, November 23, 2026', what: 'Time changed', was: 'Wednesday, December 2, 2026, 6:00 PM – 8:00 PM PST' });
  });

  it('lists the newest change first, and everything one change touched in one entry', () => {
    const both: EventChange = {
      at: '2026-11-26T00:00:00Z',
      fields: ['title', 'status'],
      previous: { title: 'Py Night', status: 'postponed' },
    };
    expect(changeNotes([moved, both], NOW, ZONE).entries.map((e) => [e.what, e.was])).toEqual([
      ['Renamed, Status changed', '“Py Night”; postponed'],
      ['Place changed', 'The Hive'],
    ]);
  });

  it('says an event moved from online, or from no venue at all', () => {
    const fromOnline: EventChange = { at: '2026-11-25T00:00:00Z', fields: ['place'], previous: { venue: null, attendance: 'online' } };
    const fromNowhere: EventChange = { at: '2026-11-25T00:00:00Z', fields: ['place'], previous: { venue: null, attendance: 'in_person' } };
    expect(changeNotes([fromOnline], NOW, ZONE).entries[0]!.was).toBe('online');
    expect(changeNotes([fromNowhere], NOW, ZONE).entries[0]!.was).toBe('no venue given');
  });

  it('describes an earlier all-day date as all day', () => {
    const earlier: EventChange = { at: '2026-11-25T00:00:00Z', fields: ['time'], previous: { allDay: true, start: '2026-12-05', end: '2026-12-06' } };
    expect(changeNotes([earlier], NOW, ZONE).entries[0]!.was).toBe('Saturday, December 5, 2026, All day');
  });
});
