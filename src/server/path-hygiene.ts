/**
 * @module server/path-hygiene
 * Refuses request paths that the router would decode or normalise into another path than the one written: a
 * percent-encoded unreserved character (`/%61pi/…`), an encoded slash, backslash or dot, an empty segment (`//`),
 * and dot segments (`/./`, `/../`). RFC 3986 §6.2.2 says such spellings are equivalent to their decoded form; a hub
 * that answered them would give two names to one route, and any check written against one spelling could be walked
 * around with the other. Nothing legitimate sends them: browsers and HTTP clients normalise before sending.
 */
import { CourantError } from '../core/errors.ts';

/** %XX encodings of ALPHA / DIGIT / "-" / "." / "_" / "~" (unreserved), and of "/" and "\". */
const AMBIGUOUS_ESCAPE = /%(?:[46][1-9a-fA-F]|[57][0-9aA]|3[0-9]|2[dDeEfF]|5[cCfF]|7[eE])/;

/** Throws HTTP_BAD_REQUEST when the raw path (before `?`) has an ambiguous spelling. */
export function checkPathSpelling(rawUrl: string): void {
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const bad =
    AMBIGUOUS_ESCAPE.test(path) ||
    path.includes('//') ||
    path.includes('\\') ||
    /\/\.\.?(?:\/|$)/.test(path) ||
    !path.startsWith('/');
  if (bad)
    throw new CourantError(
      'HTTP_BAD_REQUEST',
      'the request path has an ambiguous spelling (encoded letters, slashes or dots, empty or dot segments); send it in its plain form',
    );
}
