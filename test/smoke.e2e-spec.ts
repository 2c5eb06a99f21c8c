import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  it('answers the portal query for the city host', async () => {
    const res = await t.gql('hochiminhcity.gov.vn', '{ portal { nameVi children { label } } }');
    expect(res.status).toBe(200);
    expect(res.body.data?.portal.nameVi).toBe('Thành phố Hồ Chí Minh');
    expect(res.body.data?.portal.children.map((c: { label: string }) => c.label).sort()).toEqual([
      'benthanh',
      'saigon',
      'stp',
      'tandinh',
    ]);
  });
});
