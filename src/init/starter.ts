import { stringify } from 'yaml';

// The sources.yaml `spokane-tech init` writes for a new city: valid as it is (no groups yet), and
// commented so that a maintainer can add a first group by uncommenting one of the examples.

export interface StarterSite {
  title: string;
  url: string;
  timezone: string;
}

/** A YAML scalar, quoted where it has to be, so a title like `Tech: "Boise"` stays one value. */
function scalar(value: string): string {
  return stringify(value).trimEnd();
}

export function starterConfig(site: StarterSite): string {
  return `# The groups whose events ${site.title} gathers. \`spokane-tech check\` validates this file and
# names the line of every problem; \`spokane-tech fetch\` reads each group's sources; \`spokane-tech
# build\` writes the site. Keys this tool does not know are kept and ignored, except one a letter
# or two away from a known key, which is refused as the typo it probably is.

site:
  title: ${scalar(site.title)}
  # The address the site is published at: feeds, the sitemap and canonical links use it. A
  # project site on GitHub Pages has a path, like https://you.github.io/your-repository
  url: ${scalar(site.url)}
  # The time zone times are shown in (an IANA name).
  timezone: ${scalar(site.timezone)}
  # description: One line under the site's title.

# How politely sources are fetched; these are the defaults.
# fetch:
#   concurrency: 8            # requests in flight at once, all hosts together
#   deadline_seconds: 300     # a source still unfinished after this long fails
#   hosts:
#     www.meetup.com: { concurrency: 1, min_interval_ms: 2000 }

# Each group: an id (lowercase letters, digits and hyphens; used in its page's address), a name,
# optional homepage, description and tags, and its sources. The source's type says how its URL
# is read, whatever the URL's host:
#   meetup      a Meetup group's page
#   eventbrite  an Eventbrite organizer's page
#   luma        a Luma calendar's page or its iCal feed
#   ical        any iCalendar feed (Google Calendar's public address, a group's own .ics)
#   jsonld      any web page with schema.org Event data
#   manual      events kept by hand in a YAML file of this repository (path: instead of url:)
# To add a group, uncomment an example (delete the "#" at the start of its lines) and make it yours.
groups:
#  - id: example-python
#    name: Example Python User Group
#    homepage: https://www.meetup.com/example-python/
#    tags: [python]
#    sources:
#      - type: meetup
#        url: https://www.meetup.com/example-python/
#
#  - id: example-security
#    name: Example Security Conference
#    tags: [security]
#    sources:
#      - type: eventbrite
#        url: https://www.eventbrite.com/o/example-security-12345678901
#
#  - id: example-startups
#    name: Example Startup Nights
#    tags: [startups]
#    sources:
#      - type: luma
#        url: https://lu.ma/example-startups
#
#  - id: example-university
#    name: Example University Computer Science
#    homepage: https://cs.example.edu/
#    sources:
#      - type: ical
#        url: https://calendar.google.com/calendar/ical/example%40group.calendar.google.com/public/basic.ics
#
#  - id: example-hack-night
#    name: Example Hack Night
#    sources:
#      - type: jsonld
#        url: https://hacknight.example.org/events/
#
#  - id: example-chamber
#    name: Example Chamber of Commerce
#    homepage: https://chamber.example.org/
#    tags: [startups]
#    # No feed, so no sources: the group is listed with its homepage. Its events can be kept by
#    # hand, as a source "- type: manual" with "path: data/manual/example-chamber.yaml" (see
#    # "Add an event without a feed" in README.md), or come in through the "Submit an event" form.
`;
}
