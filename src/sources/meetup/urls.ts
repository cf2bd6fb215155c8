// What Meetup's URLs say: which event, of which group.

/** The last path segment of `…/events/<id>/`, or null for any other URL. */
export function meetupIdFromUrl(url: string | null): string | null {
  const segments = pathSegments(url);
  return segments.at(-2) === 'events' ? segments.at(-1) ?? null : null;
}

export function isGroupEventUrl(url: string | null, urlname: string): boolean {
  const segments = pathSegments(url);
  return segments.at(-3)?.toLowerCase() === urlname.toLowerCase() && meetupIdFromUrl(url) !== null;
}

function pathSegments(url: string | null): string[] {
  if (url === null || !URL.canParse(url)) return [];
  return new URL(url).pathname.split('/').filter(Boolean);
}
