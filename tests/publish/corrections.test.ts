import { describe, expect, it } from 'vitest';
import type { Correction } from '../../src/config/corrections-schema.ts';
import { applyCorrections, staleCorrections } from '../../src/publish/corrections.ts';
import { listedEvent } from '../helpers/builders.ts';

const LINK = 'https://www.meetup.com/python-spokane/events/301/';
const talk = listedEvent({ id: 'talk', url: LINK, sequence: 2, start: '2026-12-04T02:00:00Z', end: '2026-12-04T03:30:00Z' });
const correction = (override: Correction['override'], event = LINK): Correction => ({ event, reason: 'The room moved', hide: false, override });

describe('a correction by the maintainers', () => {
  it('hides an event, wherever its source lists it', () => {
    const { events, stale } = applyCorrections([talk, listedEvent({ id: 'other', url: 'https://x.example/2' })], [{ event: LINK, reason: 'Not a tech event', hide: true, override: {} }]);
    expect(events.map((e) => e.id)).toEqual(['other']);
    expect(stale).toEqual([]);
  });

  it('names an event by its link written any way a person writes it, or by a link of another source listing it', () => {
    for (const written of ['http://meetup.com/python-spokane/events/301', 'https://www.meetup.com/Python-Spokane/events/301/?utm_source=x#top']) {
      expect(applyCorrections([talk], [correction({ title: 'Fixed' }, written)]).events[0]!.title).toBe('Fixed');
    }
    const coListed = listedEvent({ id: 'talk', url: 'https://lu.ma/py', alsoListedOn: [{ groupId: 'g', sourceType: 'meetup', url: LINK }] });
    expect(applyCorrections([coListed], [correction({ title: 'Fixed' })]).events[0]!.title).toBe('Fixed');
  });

  it('shows the corrected fields with the reason, and a raised SEQUENCE so calendars take the new version', () => {
    const [shown] = applyCorrections([talk], [correction({ venue: 'Spokane Public Library', address: '906 W Main Ave', status: 'postponed', tags: ['python'] })]).events;
    expect(shown).toMatchObject({
      venue: { name: 'Spokane Public Library', address: '906 W Main Ave', lat: null, lon: null },
      attendance: 'in_person',
      status: 'postponed',
      topics: ['python'],
      sequence: 3,
      correction: { reason: 'The room moved', fields: ['place', 'status', 'tags'] },
    });
  });

  it('moves an event to a corrected start, keeping its length, or to a corrected start and end', () => {
    const [kept] = applyCorrections([talk], [correction({ start: { kind: 'instant', instant: '2026-12-05T02:00:00Z' } })]).events;
    expect(kept).toMatchObject({ start: '2026-12-05T02:00:00Z', end: '2026-12-05T03:30:00Z', allDay: false });
    const [both] = applyCorrections([talk], [correction({ start: { kind: 'date', date: '2026-12-12' }, end: { kind: 'date', date: '2026-12-13' } })]).events;
    expect(both).toMatchObject({ allDay: true, start: '2026-12-12', end: '2026-12-14' });
  });

  it('makes an in-person event hybrid when it gives a join link', () => {
    const [shown] = applyCorrections([talk], [correction({ online: 'https://meet.example/py' })]).events;
    expect(shown).toMatchObject({ attendance: 'hybrid', onlineUrl: 'https://meet.example/py' });
  });

  it('names an event kept in the repository by its group and id', () => {
    const manual = listedEvent({ id: 'm', groupId: 'gsi', sourceType: 'manual', sourceEventId: 'jobs-fair', url: null });
    expect(applyCorrections([manual], [correction({ title: 'Jobs Fair' }, 'gsi/jobs-fair')]).events[0]!.title).toBe('Jobs Fair');
    expect(applyCorrections([manual], [correction({ title: 'x' }, 'other/jobs-fair')]).stale).toHaveLength(1);
  });

  it('that names no event is stale', () => {
    const typo = correction({ title: 'x' }, 'https://www.meetup.com/python-spokane/events/310/');
    expect(applyCorrections([talk], [typo]).stale).toEqual([typo]);
    expect(staleCorrections([talk], [typo, correction({ title: 'y' })])).toEqual([typo]);
  });
});
