import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { permissions, useSession } from '../auth/session';
import { useT } from '../i18n';
import { useInbox } from '../inbox/live';
import { LanguageSwitch } from './LanguageSwitch';
import { Link } from './Link';
import { BASE, type Route } from './routes';

interface Props {
  route: Route;
  pathname: string;
  children: ComponentChildren;
}

type Section = 'inbox' | 'offline' | 'conversations' | 'bots' | 'members' | 'usage' | 'tenants';

function sectionOf(route: Route): Section | 'account' | null {
  switch (route.name) {
    case 'conversation':
      return 'conversations';
    case 'bot':
      return 'bots';
    case 'home':
    case 'notFound':
      return null;
    default:
      return route.name;
  }
}

/** Navigation by role beside the screen (above it on a narrow window), and who is signed in. */
export function Shell({ route, pathname, children }: Props) {
  const t = useT();
  const session = useSession();
  const can = permissions(session.user);
  const main = useRef<HTMLElement>(null);
  const current = sectionOf(route);
  const first = useRef(true);
  const { badge } = useInbox();

  // A new screen: move the focus to its title, as a page load would, for keyboard and screen readers.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const title = main.current?.querySelector<HTMLElement>('.page-title');
    (title ?? main.current)?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);

  const items: Array<{ section: Section; label: string; show: boolean }> = [
    { section: 'inbox', label: t.nav.inbox, show: true },
    { section: 'offline', label: t.nav.offline, show: true },
    { section: 'conversations', label: t.nav.conversations, show: true },
    { section: 'bots', label: t.nav.bots, show: true },
    { section: 'members', label: t.nav.members, show: can.members },
    { section: 'usage', label: t.nav.usage, show: true },
    { section: 'tenants', label: t.nav.tenants, show: can.tenants },
  ];

  return (
    <div class="shell">
      <a class="skip-link" href="#main">{t.app.skip}</a>
      <aside class="sidebar">
        <Link class="brand" href={`${BASE}/conversations`}>
          <span class="brand-mark" aria-hidden="true">◆</span> {t.app.name}
        </Link>
        <nav aria-label={t.nav.label}>
          <ul class="nav-list">
            {items.filter((item) => item.show).map((item) => (
              <li key={item.section}>
                <Link href={`${BASE}/${item.section}`} class="nav-link" aria-current={current === item.section ? 'page' : undefined}>
                  {item.label}
                  {item.section === 'inbox' && badge > 0 && (
                    <>
                      <span class="nav-count" aria-hidden="true">{badge}</span>
                      <span class="visually-hidden">{t.inbox.badge(badge)}</span>
                    </>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="sidebar-footer">
          <p class="who" title={session.user.email}>
            <span class="who-email">{session.user.email}</span>
            <span class="who-role">
              {t.userRole[session.user.role]}
              {session.user.isAdmin && ` · ${t.userRole.admin}`}
            </span>
          </p>
          <div class="sidebar-tools">
            <LanguageSwitch />
            <Link href={`${BASE}/account`} class="button small ghost" aria-current={current === 'account' ? 'page' : undefined}>
              {t.nav.account}
            </Link>
            <button type="button" class="button small ghost" onClick={() => void session.signOut()}>{t.nav.signOut}</button>
          </div>
        </div>
      </aside>
      <main id="main" class="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
