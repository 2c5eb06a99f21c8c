import { Role } from '../libs/access/src';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

const CITY = 'hochiminhcity.gov.vn';
const WARD = 'saigon.hochiminhcity.gov.vn';
const SIBLING = 'benthanh.hochiminhcity.gov.vn';

const SET = `mutation($input: SiteThemeInput!, $tenantId: ID) {
  setSiteTheme(input: $input, tenantId: $tenantId) {
    __typename
    ... on SiteTheme { tenantId primaryColour accentColour ownerVi editorInChief inheritedFields }
    ... on InputError { errorCode field messageVi messageEn }
  }
}`;

describe("a portal's look on its website", () => {
  let t: TestApp;
  let cityOperator: string;
  let wardOperator: string;
  let editor: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    cityOperator = await t.asUser('van.hanh.tp', Role.OPERATOR, CITY);
    wardOperator = await t.asUser('van.hanh.phuong', Role.OPERATOR, WARD);
    editor = await t.asUser('bien.tap', Role.CONTRIBUTOR, WARD);
  });
  afterAll(() => t.close());

  const set = async (token: string, host: string, input: Record<string, unknown>, tenantId?: string) =>
    (await t.gql(host, SET, { input, tenantId }, { token })).body as { data: Record<string, any> };

  it('is set by the operator, shows in the footer, and is inherited field by field below', async () => {
    const city = await set(cityOperator, CITY, {
      primaryColour: '#8B0000',
      ownerVi: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
      editorInChief: 'Nguyễn Văn A, Chánh Văn phòng',
      licence: 'Giấy phép số 01/GP-TTĐT ngày 01/01/2026',
      phone: '028 3829 6052',
    });
    expect(city.data.setSiteTheme).toMatchObject({
      __typename: 'SiteTheme',
      primaryColour: '#8b0000',
      accentColour: '#ffcd00',
      inheritedFields: [],
    });
    const ward = await set(wardOperator, WARD, { ownerVi: 'Ủy ban nhân dân Phường Sài Gòn' });
    expect(ward.data.setSiteTheme).toMatchObject({
      primaryColour: '#8b0000',
      ownerVi: 'Ủy ban nhân dân Phường Sài Gòn',
      editorInChief: 'Nguyễn Văn A, Chánh Văn phòng',
    });
    expect(ward.data.setSiteTheme.inheritedFields).toEqual(
      expect.arrayContaining(['primaryColour', 'editorInChief', 'licence', 'phone']),
    );
    const page = await t.http({ host: WARD, path: '/' });
    expect(page.text).toContain('Cơ quan chủ quản: Ủy ban nhân dân Phường Sài Gòn');
    expect(page.text).toContain('Nguyễn Văn A, Chánh Văn phòng');
    expect(page.text).toContain('Giấy phép số 01/GP-TTĐT ngày 01/01/2026');
    expect(page.text).toContain('href="/assets/theme/8b0000-ffcd00.css"');
    const css = await t.http({ host: WARD, path: '/assets/theme/8b0000-ffcd00.css' });
    expect(css.status).toBe(200);
    expect(css.text).toContain('--primary:#8b0000');
    expect(css.headers['cache-control']).toContain('immutable');
  });

  it('is read back on each host (public, as its pages show it): what the portal sets itself and what it inherits', async () => {
    const READ = `{ siteTheme { tenantId primaryColour accentColour ownerVi editorInChief ownFields inheritedFields } }`;
    // Anonymous: every page shows these values anyway.
    const ward = (await t.gql(WARD, READ)).body.data!.siteTheme;
    expect(ward).toMatchObject({
      tenantId: t.tenant(WARD).id,
      primaryColour: '#8b0000',
      ownerVi: 'Ủy ban nhân dân Phường Sài Gòn',
      editorInChief: 'Nguyễn Văn A, Chánh Văn phòng',
      ownFields: ['ownerVi'],
    });
    expect(ward.inheritedFields).toEqual(expect.arrayContaining(['primaryColour', 'editorInChief']));
    expect(ward.inheritedFields).not.toContain('ownerVi');
    // The accent colour nobody set is the default: neither the portal's own nor inherited.
    expect(ward.accentColour).toBe('#ffcd00');
    expect([...ward.ownFields, ...ward.inheritedFields]).not.toContain('accentColour');
    const city = (await t.gql(CITY, READ, {}, { token: wardOperator })).body.data!.siteTheme;
    expect(city.ownFields).toEqual(expect.arrayContaining(['primaryColour', 'ownerVi', 'editorInChief']));
    expect(city.inheritedFields).toEqual([]);
  });

  it('refuses colours white text or the accent would not be readable on (4.5:1), writing nothing', async () => {
    const pale = await set(wardOperator, WARD, { primaryColour: '#ff8080', ownerVi: 'Không được lưu' });
    expect(pale.data.setSiteTheme).toMatchObject({
      __typename: 'InputError',
      errorCode: 'LOW_CONTRAST',
      field: 'primaryColour',
    });
    expect(pale.data.setSiteTheme.messageVi).toContain('4.5:1');
    const accent = await set(wardOperator, WARD, { accentColour: '#c00000' });
    expect(accent.data.setSiteTheme).toMatchObject({ errorCode: 'LOW_CONTRAST', field: 'accentColour' });
    const notColour = await set(wardOperator, WARD, { primaryColour: 'red;}body{display:none' });
    expect(notColour.data.setSiteTheme).toMatchObject({
      errorCode: 'INVALID_COLOUR',
      field: 'primaryColour',
    });
    const script = await set(wardOperator, WARD, { logoUrl: 'javascript:alert(1)' });
    expect(script.data.setSiteTheme).toMatchObject({ errorCode: 'INVALID_URL', field: 'logoUrl' });
    const page = await t.http({ host: WARD, path: '/' });
    expect(page.text).not.toContain('Không được lưu');
    expect(page.text).toContain('Ủy ban nhân dân Phường Sài Gòn');
  });

  it('is refused to an editor and to the operator of a sibling portal', async () => {
    const byEditor = await t.gql(WARD, SET, { input: { ownerVi: 'x' } }, { token: editor });
    expect(byEditor.body.errors?.[0]?.extensions?.code ?? byEditor.body.data?.setSiteTheme?.errorCode).toBe(
      'FORBIDDEN',
    );
    const sibling = await set(wardOperator, WARD, { ownerVi: 'x' }, t.tenant(SIBLING).id);
    expect(sibling.data.setSiteTheme).toMatchObject({ __typename: 'InputError', errorCode: 'NOT_FOUND' });
    const anonymous = await t.gql(WARD, SET, { input: { ownerVi: 'x' } });
    expect(anonymous.body.data?.setSiteTheme ?? null).toBeNull();
    expect((await t.http({ host: SIBLING, path: '/' })).text).not.toContain('Cơ quan chủ quản: x<');
  });
});
