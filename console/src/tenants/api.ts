import { api } from '../api/client';
import type { Tenant } from '../api/types';

export const listTenants = (signal?: AbortSignal) => api<{ tenants: Tenant[] }>('GET', '/api/tenants', { signal }).then((r) => r.tenants);

export const createTenant = (body: { name: string; owner: { email: string; password: string } }) =>
  api<unknown>('POST', '/api/tenants', { body });
