import { httpsOrigin, originsFor, publicItemUrl } from './item-url';

const config = { devHostSuffix: 'localhost', publicSuffixes: ['gov.vn'] };

describe('links follow the host a page was read through', () => {
  it('production hosts link to https://<primary host>', () => {
    const origin = originsFor(
      { headers: { host: 'saigon.hochiminhcity.gov.vn' }, protocol: 'https' },
      config,
    );
    expect(origin).toBe(httpsOrigin);
    expect(publicItemUrl('hochiminhcity.gov.vn', 'vi', 'tin-a', origin)).toBe(
      'https://hochiminhcity.gov.vn/print/tin-a',
    );
  });

  it('a development alias links to every portal’s alias, with the scheme and port read', () => {
    const origin = originsFor(
      { headers: { host: 'saigon.hochiminhcity.localhost:3000' }, protocol: 'http' },
      config,
    );
    expect(publicItemUrl('hochiminhcity.gov.vn', 'en', 'news-a', origin)).toBe(
      'http://hochiminhcity.localhost:3000/en/print/news-a',
    );
    expect(origin('benthanh.hochiminhcity.gov.vn')).toBe('http://benthanh.hochiminhcity.localhost:3000');
  });

  it('no development suffix configured (production): always https', () => {
    const origin = originsFor(
      { headers: { host: 'saigon.hochiminhcity.localhost:3000' }, protocol: 'http' },
      { ...config, devHostSuffix: '' },
    );
    expect(origin('hochiminhcity.gov.vn')).toBe('https://hochiminhcity.gov.vn');
  });
});
