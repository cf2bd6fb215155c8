// Links as the organizer meant them, not as a mailer or a platform rewrote them. Descriptions
// copied from e-mails and calendar invitations carry redirect services that wrap the real link
// (Google's /url?q=…, Facebook's l.php?u=…, Outlook's safelinks), links with utm_* tracking
// parameters appended, and click trackers whose target cannot be read (clicks.meetup.com, SendGrid).
// A subscriber should see the link, never a wall of opaque URLs.

/** Redirect services that carry their target, whole, in a query parameter. */
const WRAPPERS: { host: RegExp; path: RegExp; params: string[] }[] = [
  { host: /^(?:www\.)?google\.[a-z.]+$/, path: /^\/url$/, params: ['q', 'url'] },
  { host: /^(?:l|lm)\.facebook\.com$/, path: /^\/l\.php$/, params: ['u'] },
  { host: /\.safelinks\.protection\.outlook\.com$/, path: /^\/$/, params: ['url'] },
  { host: /^(?:www\.)?linkedin\.com$/, path: /^\/redir\/redirect\/?$/, params: ['url'] },
  { host: /^(?:www\.)?youtube\.com$/, path: /^\/redirect$/, params: ['q'] },
  { host: /^slack-redir\.net$/, path: /^\/link$/, params: ['url'] },
];

/** Click trackers whose target is encoded or kept on their server: the link stays, its text goes. */
const OPAQUE_TRACKERS = [/^clicks\.meetup\.com$/, /\.ct\.sendgrid\.net$/, /\.list-manage\.com$/, /^email\.mg\.[a-z0-9.-]+$/];

/** Query parameters that only say where a click came from. */
const TRACKING_PARAMETER = /^(?:utm_[a-z_]+|fbclid|gclid|mc_cid|mc_eid)$/i;

/** At most this many wrappers inside each other are taken off (a redirect of a redirect of …). */
const MAX_UNWRAPS = 5;

/**
 * The link a tracking URL stands for: the target of a redirect service, without utm_* and
 * click-id parameters. Anything else, and anything that is not an http(s) URL, is returned as is.
 */
export function plainLink(href: string): string {
  let url = parsed(href);
  if (url === null) return href;
  for (let i = 0; i < MAX_UNWRAPS; i++) {
    const target = wrappedTarget(url);
    if (target === null) break;
    url = target;
  }
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAMETER.test(key)) url.searchParams.delete(key);
  // URLSearchParams rewrites what it keeps (spaces as "+"): keep the original when nothing changed.
  return url.href === parsed(href)?.href ? href : url.href;
}

/**
 * What a link written out as its own address should read: the plain link, or, for a click
 * tracker whose target cannot be read, its host and an ellipsis ("clicks.meetup.com/…").
 */
export function linkLabel(address: string): string {
  const url = parsed(address);
  if (url === null) return address;
  if (OPAQUE_TRACKERS.some((host) => host.test(url.hostname))) return `${url.hostname}/…`;
  return plainLink(address);
}

function wrappedTarget(url: URL): URL | null {
  const wrapper = WRAPPERS.find((one) => one.host.test(url.hostname) && one.path.test(url.pathname));
  if (wrapper === undefined) return null;
  for (const param of wrapper.params) {
    const target = parsed(url.searchParams.get(param) ?? '');
    if (target !== null) return target;
  }
  return null;
}

function parsed(text: string): URL | null {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
