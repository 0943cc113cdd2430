// Page POSTs that Next.js would answer with a 500 (cross-site Origin, body over 1 MB) or that
// would reach an action without its form are refused with a 4xx before any action runs.
import { describe, expect, it } from 'vitest';
import { ACTION_BODY_LIMIT_BYTES, refuseBadActionRequest } from './action-requests';

const post = (headers: Record<string, string>, method = 'POST') => ({ method, headers: new Headers({ host: 'esm.example', ...headers }) });
const multipart = 'multipart/form-data; boundary=----x';

describe('refuseBadActionRequest', () => {
  it.each([
    ['a same-site form action', { origin: 'https://esm.example', 'next-action': 'abc', 'content-type': multipart, 'content-length': '200' }],
    ['a no-JS form post', { origin: 'https://esm.example', 'content-type': multipart }],
    ['a request without Origin (not a browser)', { 'next-action': 'abc', 'content-type': multipart }],
    ['behind a proxy (x-forwarded-host)', { host: 'internal:3000', 'x-forwarded-host': 'esm.example', origin: 'https://esm.example', 'next-action': 'a', 'content-type': multipart }],
    ['an action that reads no argument (sign-out) sent as text', { origin: 'https://esm.example', 'next-action': '00aee6fa0f921f4b06e996b9c1d1cb7fd103911f3b', 'content-type': 'text/plain;charset=UTF-8' }],
    ['exactly 1 MB', { origin: 'https://esm.example', 'content-type': multipart, 'content-length': String(ACTION_BODY_LIMIT_BYTES) }],
  ])('lets %s through', (_label, headers) => {
    expect(refuseBadActionRequest(post(headers))).toBeNull();
  });

  it('never refuses GET or HEAD', () => {
    expect(refuseBadActionRequest(post({ origin: 'https://evil.example' }, 'GET'))).toBeNull();
    expect(refuseBadActionRequest(post({ origin: 'https://evil.example' }, 'HEAD'))).toBeNull();
  });

  it.each([
    [403, 'a cross-site Origin', { origin: 'https://evil.example', 'next-action': 'abc', 'content-type': multipart }],
    [403, 'a look-alike Origin', { origin: 'https://esm.example.evil.example', 'content-type': multipart }],
    [403, 'another port', { origin: 'https://esm.example:8443', 'content-type': multipart }],
    [403, 'Origin null (sandboxed frame)', { origin: 'null', 'content-type': multipart }],
    [403, 'a garbage Origin', { origin: '::::', 'content-type': multipart }],
    [413, 'a body over 1 MB', { origin: 'https://esm.example', 'next-action': 'abc', 'content-type': multipart, 'content-length': String(ACTION_BODY_LIMIT_BYTES + 1) }],
    [413, 'a garbage Content-Length', { origin: 'https://esm.example', 'content-type': multipart, 'content-length': 'lots' }],
    // (prev, form), as Next.js writes it for signInAction.
    [400, 'a form action called with JSON arguments', { origin: 'https://esm.example', 'next-action': '6060355a7943ed35df0ababa9bcf01bc8fe3355d45', 'content-type': 'text/plain;charset=UTF-8' }],
    [400, 'an action reading its first argument called with JSON', { origin: 'https://esm.example', 'next-action': '40aee6fa0f921f4b06e996b9c1d1cb7fd103911f3b', 'content-type': 'text/plain;charset=UTF-8' }],
    [400, 'an action called without a body type', { 'next-action': '60abc' }],
    [400, 'a malformed action id', { 'next-action': 'zz', 'content-type': 'text/plain' }],
  ])('answers %i to %s', (status, _label, headers) => {
    expect(refuseBadActionRequest(post(headers))?.status).toBe(status);
  });
});
