import { mediaCookie, readCookie, signMediaGrant, verifyMediaGrant } from './console-media';

const SECRET = 'a-secret-of-the-server-for-tests-only';
const grant = {
  accountId: '7b0c5a4e-1f2d-4c3b-9a8e-0d1c2b3a4f5e',
  sessionId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
  tenantId: '0f1e2d3c-4b5a-4697-8877-665544332211',
  expires: 2_000_000_000,
};

describe('the console media grant', () => {
  it('verifies what it signed, until it expires', () => {
    const value = signMediaGrant(SECRET, grant);
    expect(verifyMediaGrant(SECRET, value, 1_900_000_000)).toEqual(grant);
    expect(verifyMediaGrant(SECRET, value, 2_000_000_001)).toBeNull();
  });

  it('refuses another secret, a changed grant, a changed signature and junk', () => {
    const value = signMediaGrant(SECRET, grant);
    const [payload, mac] = value.split('.');
    const other = Buffer.from(
      JSON.stringify([
        grant.accountId,
        grant.sessionId,
        'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
        grant.expires,
      ]),
    ).toString('base64url');
    for (const bad of [
      signMediaGrant('another-secret', grant),
      `${other}.${mac}`,
      `${payload}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      `${payload}.${mac}.x`,
      payload,
      '',
      null,
    ])
      expect(verifyMediaGrant(SECRET, bad, 1_900_000_000)).toBeNull();
  });

  it('is a host-only, HttpOnly, Secure, SameSite=Strict cookie on the media path, read back by name', () => {
    const cookie = mediaCookie('v.w', 60);
    expect(cookie).toBe(
      'portal_console_media=v.w; Path=/quan-tri/media/; Max-Age=60; HttpOnly; Secure; SameSite=Strict',
    );
    expect(cookie).not.toMatch(/Domain=/i);
    expect(
      readCookie({ headers: { cookie: 'a=1; portal_console_media=v.w; b=2' } }, 'portal_console_media'),
    ).toBe('v.w');
    expect(readCookie({ headers: {} }, 'portal_console_media')).toBeNull();
  });
});
