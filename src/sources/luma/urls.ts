// Luma's own addresses: its hosts, and the pages a bare slug names.

const LUMA_HOSTS = new Set(['lu.ma', 'www.lu.ma', 'luma.com', 'www.luma.com']);

export function isLumaUrl(url: string): boolean {
  return LUMA_HOSTS.has(new URL(url).hostname);
}

/** The Luma page a slug names (`rust-night`, `spokane-tech`). */
export function lumaPageUrl(slug: string): string {
  return `https://lu.ma/${encodeURIComponent(slug)}`;
}
