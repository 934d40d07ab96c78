import { forbiddenReasons, rolesOf, whoMayCall } from './access-text';
import type { Access } from './route-discovery';

const access = (over: Partial<Access>): Access => ({ public: false, adminOnly: false, signedIn: false, firstPassword: false, ...over });

describe('access in words', () => {
  it('lists the roles that may call a route', () => {
    expect(rolesOf(access({ public: true }))).toEqual([]);
    expect(rolesOf(access({ adminOnly: true }))).toEqual(['admin']);
    expect(rolesOf(access({ roles: ['owner'] }))).toEqual(['owner']);
    expect(rolesOf(access({ signedIn: true }))).toEqual(['owner', 'agent']);
  });

  it('says when a route declares no rule and is therefore closed', () => {
    expect(rolesOf(access({}))).toEqual([]);
    expect(whoMayCall(access({}))).toMatch(/^nobody/);
  });

  it('gives the reasons for a 403', () => {
    expect(forbiddenReasons(access({ roles: ['owner'] }), 'get')).toEqual(['not owner', 'the first password has not been changed yet']);
    // Every tenant role is allowed: no role refusal, and none for the first password where it is allowed.
    expect(forbiddenReasons(access({ roles: ['owner', 'agent'], firstPassword: true }), 'get')).toEqual([]);
    // State changes from another site are refused even on public routes.
    expect(forbiddenReasons(access({ public: true }), 'post')).toEqual(['a cross-site request (Origin names another site)']);
  });
});
