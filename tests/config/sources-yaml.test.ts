import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';

const config = loadConfig(join(import.meta.dirname, '..', '..', 'sources.yaml'));

describe("the project's own sources.yaml", () => {
  it('is valid', () => {
    expect(config.ok ? [] : config.problems).toEqual([]);
  });

  it('lists the eleven Meetup groups by their group pages and the ten Eventbrite organizers', () => {
    if (!config.ok) throw new Error('invalid sources.yaml');
    const sources = config.config.groups.flatMap((g) => g.sources);
    const meetup = sources.filter((s) => s.type === 'meetup').map((s) => new URL(s.url).pathname.split('/')[1]);
    expect(meetup.sort()).toEqual(
      [
        'dc-509', 'spokane-devops-meetup', 'spokane-go-users-group', 'spokane-net-user-group', 'python-spokane',
        'spokane-rust', 'meetup-group-sdeepfce', 'Spokane-UX', 'what-is-crypto-currency', 'spokane-wordpress-meetup',
        'coeur-dalene-wordpress-meetup',
      ].sort(),
    );
    const organizers = sources.filter((s) => s.type === 'eventbrite').map((s) => /(\d+)$/.exec(s.url)?.[1]);
    expect(organizers.sort()).toEqual(
      ['80655815043', '26948291755', '72020528223', '637389713', '45018125323', '33773699489', '103647763911',
        '110692675491', '114361599431', '120762885954'].sort(),
    );
  });
});
