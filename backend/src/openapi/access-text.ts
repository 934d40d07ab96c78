import type { TenantRole } from '../users/user.entity';
import type { Access } from './route-discovery';

const ALL_ROLES: TenantRole[] = ['owner', 'agent'];

/** The roles that may call a route, as `x-roles` lists them: owner, agent, admin; none when public. */
export function rolesOf(access: Access): string[] {
  if (access.public) return [];
  if (access.adminOnly) return ['admin'];
  if (access.roles) return [...access.roles];
  if (access.signedIn) return [...ALL_ROLES];
  return [];
}

/** The same in words, for the operation's description. */
export function whoMayCall(access: Access): string {
  if (access.public) return 'anyone, without a session';
  if (access.adminOnly) return 'the installation admin';
  if (access.roles) return access.roles.join(' or ');
  if (access.signedIn) return 'any signed-in user (owner or agent)';
  return 'nobody: the route declares no access rule, so the session guard refuses it';
}

/** Why a signed-in (or any, for state changes) request may be refused with 403. */
export function forbiddenReasons(access: Access, method: string): string[] {
  const reasons: string[] = [];
  if (!access.public) {
    if (access.adminOnly) reasons.push('not the installation admin');
    else if (access.roles) {
      // Every signed-in user is an owner or an agent: a rule naming both refuses nobody by role.
      if (!ALL_ROLES.every((r) => access.roles!.includes(r))) reasons.push(`not ${access.roles.join(' or ')}`);
    } else if (!access.signedIn) reasons.push('the route is closed');
    if (!access.firstPassword) reasons.push('the first password has not been changed yet');
  }
  // SessionGuard refuses state changes whose Origin header names another site, public ones too.
  if (method !== 'get' && method !== 'head' && method !== 'options') reasons.push('a cross-site request (Origin names another site)');
  return reasons;
}
