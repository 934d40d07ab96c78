import type { RouteDescription } from '../route-description';
import { authRoutes } from './auth.routes';
import { botsRoutes } from './bots.routes';
import { conversationsRoutes } from './conversations.routes';
import { docsRoutes } from './docs.routes';
import { handoffRoutes } from './handoff.routes';
import { knowledgeRoutes } from './knowledge.routes';
import { publicRoutes } from './public.routes';
import { staffRoutes } from './staff.routes';

/** Every route's description, keyed `METHOD /openapi/{path}` (openapi-path.ts, routeKey). */
export const ROUTE_DESCRIPTIONS: Record<string, RouteDescription> = {
  ...authRoutes,
  ...botsRoutes,
  ...knowledgeRoutes,
  ...handoffRoutes,
  ...conversationsRoutes,
  ...staffRoutes,
  ...publicRoutes,
  ...docsRoutes,
};
