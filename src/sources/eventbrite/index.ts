import { SourceFailure } from '../../errors.ts';
import type { Adapter } from '../adapter.ts';
import { readOrganizerApi } from './api.ts';
import { trailingIdOf } from './objects.ts';
import { readOrganizerPage } from './organizer-page.ts';

/**
 * Source type `eventbrite`: an organizer's page, such as
 * https://www.eventbrite.com/o/inch360-72020528223. With EVENTBRITE_TOKEN set it reads the
 * organizer's events through Eventbrite's API, which lists all of them; without, the page itself.
 */
export const eventbriteAdapter: Adapter = async (source, context) => {
  const organizerId = trailingIdOf(source.url);
  if (organizerId === null) {
    throw new SourceFailure(
      'unexpected_content',
      `${source.url} is not an Eventbrite organizer page URL: its path should end in the organizer id, ` +
        'as in https://www.eventbrite.com/o/inch360-72020528223',
    );
  }
  // Read at call time: the environment is the one the run was started with, not the one at import.
  const token = process.env.EVENTBRITE_TOKEN?.trim();
  return token ? readOrganizerApi(organizerId, token, context) : readOrganizerPage(source.url, context);
};
