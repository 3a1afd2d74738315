/**
 * The AWS region a request names: the SigV4 credential scope of its Authorization header
 * (`Credential=<key>/<date>/<region>/cognito-idp/aws4_request`), else a
 * `cognito-idp.<region>.amazonaws.com` Host. Unsigned calls to a local endpoint name none.
 */
import type { IncomingHttpHeaders } from 'node:http';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export function requestRegion(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/cognito-idp\/aws4_request/.exec(auth);
    if (m && REGION.test(m[1]!)) return m[1];
  }
  const host = headers.host;
  if (typeof host === 'string') {
    const m = /^cognito-idp\.([a-z0-9-]+)\.amazonaws\.com(:\d+)?$/i.exec(host);
    if (m && REGION.test(m[1]!.toLowerCase())) return m[1]!.toLowerCase();
  }
  return undefined;
}
