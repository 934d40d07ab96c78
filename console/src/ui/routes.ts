/** Every screen of the console and its path under /console. Pure, so it is tested on its own. */

export const BASE = '/console';

export type Route =
  | { name: 'home' }
  | { name: 'conversations' }
  | { name: 'conversation'; id: string }
  | { name: 'inbox'; id?: string }
  | { name: 'offline' }
  | { name: 'bots' }
  | { name: 'bot'; id: string; tab: BotTab }
  | { name: 'members' }
  | { name: 'usage' }
  | { name: 'tenants' }
  | { name: 'account' }
  | { name: 'notFound' };

/** The tabs of a bot's page; settings is the bare path. */
export type BotTab = 'settings' | 'role' | 'knowledge' | 'rules';

const SIMPLE = ['inbox', 'offline', 'conversations', 'bots', 'members', 'usage', 'tenants', 'account'] as const;

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The route of a location's pathname (the query string is the screen's own business). */
export function parseRoute(pathname: string): Route {
  if (pathname !== BASE && !pathname.startsWith(`${BASE}/`)) return { name: 'notFound' };
  const parts = pathname.slice(BASE.length).split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'home' };
  const [head, second, third] = parts;
  if (parts.length === 1 && (SIMPLE as readonly string[]).includes(head)) return { name: head as (typeof SIMPLE)[number] };
  const id = second === undefined ? null : decode(second);
  if (!id) return { name: 'notFound' };
  if (head === 'conversations' && parts.length === 2) return { name: 'conversation', id };
  if (head === 'inbox' && parts.length === 2) return { name: 'inbox', id };
  if (head === 'bots' && parts.length === 2) return { name: 'bot', id, tab: 'settings' };
  if (head === 'bots' && parts.length === 3 && (third === 'role' || third === 'knowledge' || third === 'rules')) return { name: 'bot', id, tab: third };
  return { name: 'notFound' };
}

/** The path of a route, for links. */
export function routePath(route: Route): string {
  switch (route.name) {
    case 'home':
      return BASE;
    case 'conversation':
      return `${BASE}/conversations/${encodeURIComponent(route.id)}`;
    case 'inbox':
      return `${BASE}/inbox${route.id ? `/${encodeURIComponent(route.id)}` : ''}`;
    case 'bot':
      return `${BASE}/bots/${encodeURIComponent(route.id)}${route.tab === 'settings' ? '' : `/${route.tab}`}`;
    case 'notFound':
      return `${BASE}/not-found`;
    default:
      return `${BASE}/${route.name}`;
  }
}
