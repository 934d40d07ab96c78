import type { TenantRole } from '../users/user.entity';

/** The signed-in user as every API handler sees it. Tenant data is always scoped by `tenantId`. */
export interface AuthUser {
  id: string;
  email: string;
  tenantId: string;
  role: TenantRole;
  isAdmin: boolean;
  mustChangePassword: boolean;
}

export const SESSION_COOKIE = 'cc_session';
