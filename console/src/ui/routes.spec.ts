import { parseRoute, Route, routePath } from './routes';

describe('routes', () => {
  it('parses every screen', () => {
    expect(parseRoute('/console')).toEqual({ name: 'home' });
    expect(parseRoute('/console/')).toEqual({ name: 'home' });
    expect(parseRoute('/console/conversations')).toEqual({ name: 'conversations' });
    expect(parseRoute('/console/conversations/abc-1')).toEqual({ name: 'conversation', id: 'abc-1' });
    expect(parseRoute('/console/bots')).toEqual({ name: 'bots' });
    expect(parseRoute('/console/bots/b1')).toEqual({ name: 'bot', id: 'b1', tab: 'settings' });
    expect(parseRoute('/console/bots/b1/role')).toEqual({ name: 'bot', id: 'b1', tab: 'role' });
    expect(parseRoute('/console/bots/b1/knowledge')).toEqual({ name: 'bot', id: 'b1', tab: 'knowledge' });
    expect(parseRoute('/console/members/')).toEqual({ name: 'members' });
    expect(parseRoute('/console/usage')).toEqual({ name: 'usage' });
    expect(parseRoute('/console/tenants')).toEqual({ name: 'tenants' });
    expect(parseRoute('/console/account')).toEqual({ name: 'account' });
  });

  it('answers notFound for anything else', () => {
    for (const path of ['/', '/consoles', '/console/nope', '/console/bots/b1/other', '/console/members/x', '/console/conversations/%E0%A4%A']) {
      expect(parseRoute(path)).toEqual({ name: 'notFound' });
    }
  });

  it('builds paths that parse back', () => {
    const routes: Route[] = [
      { name: 'home' },
      { name: 'conversations' },
      { name: 'conversation', id: 'a/b c' },
      { name: 'bot', id: 'x', tab: 'settings' },
      { name: 'bot', id: 'x', tab: 'role' },
      { name: 'bot', id: 'x', tab: 'knowledge' },
      { name: 'usage' },
    ];
    for (const route of routes) expect(parseRoute(routePath(route))).toEqual(route);
  });
});
