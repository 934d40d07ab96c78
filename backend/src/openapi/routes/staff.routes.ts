import { z } from 'zod';
import { memberSchema, tenantCreatedSchema, tenantListSchema, usageSchema } from '../response-schemas';
import { json, RouteDescription } from '../route-description';

/** People, tenants and usage. */
export const staffRoutes: Record<string, RouteDescription> = {
  'GET /api/members': {
    tag: 'members',
    summary: 'The people of the tenant',
    success: { description: 'The members', content: json(z.strictObject({ members: z.array(memberSchema) })) },
  },
  'POST /api/members': {
    tag: 'members',
    summary: 'Add a member with a first password',
    description: 'The member must change the first password at sign-in (the installation may have no mail server).',
    success: { description: 'The new member', content: json(memberSchema) },
    errors: { 409: 'The email is already in use' },
  },
  'DELETE /api/members/{id}': {
    tag: 'members',
    summary: 'Remove a member',
    description: 'Not oneself, not the installation admin, not the last owner (400 says which).',
    success: { description: 'Removed' },
  },
  'GET /api/tenants': {
    tag: 'tenants',
    summary: 'Every tenant of the installation',
    success: { description: 'The tenants', content: json(tenantListSchema) },
  },
  'POST /api/tenants': {
    tag: 'tenants',
    summary: 'Create a tenant with its first owner',
    success: { description: 'The tenant and its owner', content: json(tenantCreatedSchema) },
    errors: { 409: "The owner's email is already in use" },
  },
  'GET /api/usage': {
    tag: 'usage',
    summary: 'Conversations, messages and tokens per UTC day and bot',
    description: 'Without bounds: the last 30 days, today included; at most 366 days. Days without activity are left out.',
    success: { description: 'The days', content: json(usageSchema) },
  },
};
