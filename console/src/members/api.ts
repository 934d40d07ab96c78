import { api } from '../api/client';
import type { Member, TenantRole } from '../api/types';

export const listMembers = (signal?: AbortSignal) => api<{ members: Member[] }>('GET', '/api/members', { signal }).then((r) => r.members);

export const addMember = (member: { email: string; role: TenantRole; password: string }) =>
  api<Member | { member: Member }>('POST', '/api/members', { body: member });

export const removeMember = (id: string) => api<void>('DELETE', `/api/members/${encodeURIComponent(id)}`);
