import type { HttpResponse } from '../http/client.ts';

/**
 * What came instead of the document a source expected, in a few words for a failure message:
 * `an HTML page (text/html)`, `an empty body (no content type)`, `a body starting "…" (…)`.
 */
export function describeBody(response: HttpResponse): string {
  const contentType = response.headers.get('content-type') ?? 'no content type';
  const body = response.text().trimStart();
  const what =
    body === '' ? 'an empty body'
    : /^(<!doctype html|<html)/i.test(body) ? 'an HTML page'
    : `a body starting "${body.slice(0, 40)}"`;
  return `${what} (${contentType})`;
}
