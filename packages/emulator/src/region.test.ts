import { describe, expect, it } from 'vitest';
import { requestRegion } from './region.js';

describe('requestRegion', () => {
  it('reads the SigV4 credential scope first, then a Cognito host, else nothing', () => {
    const auth = 'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261201/eu-central-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';
    expect(requestRegion({ authorization: auth, host: 'cognito-idp.us-west-2.amazonaws.com' })).toBe('eu-central-1');
    expect(requestRegion({ host: 'cognito-idp.us-west-2.amazonaws.com' })).toBe('us-west-2');
    expect(requestRegion({ host: 'cognito-idp.us-gov-west-1.amazonaws.com:443' })).toBe('us-gov-west-1');
    expect(requestRegion({ host: '127.0.0.1:9229' })).toBeUndefined();
    // A scope for another service, or junk where the region goes, names no region.
    expect(requestRegion({ authorization: 'AWS4-HMAC-SHA256 Credential=AK/20261201/eu-west-1/s3/aws4_request' })).toBeUndefined();
    expect(requestRegion({ authorization: 'AWS4-HMAC-SHA256 Credential=AK/20261201/../cognito-idp/aws4_request' })).toBeUndefined();
  });
});
