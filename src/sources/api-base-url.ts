/**
 * Where a platform's API is: the environment variable when set (a mirror, a test server), else
 * the platform's own. Read at call time, so that the run's environment counts, not the one at
 * import; an empty value means unset.
 */
export function apiBaseUrl(variable: 'EVENTBRITE_API_URL' | 'LUMA_API_URL', fallback: string): string {
  return (process.env[variable]?.trim() || fallback).replace(/\/+$/, '');
}
