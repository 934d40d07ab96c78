import { useEffect, useMemo, useState } from 'preact/hooks';
import { setUnauthorizedHandler } from './api/client';
import type { User } from './api/types';
import { AccountPage } from './auth/AccountPage';
import { fetchMe, signOut } from './auth/api';
import { FirstPassword } from './auth/FirstPassword';
import { permissions, SessionContext, useSession, type Session } from './auth/session';
import { SignIn } from './auth/SignIn';
import { BotPage } from './bots/BotPage';
import { BotsPage } from './bots/BotsPage';
import { ConversationsPage } from './conversations/ConversationsPage';
import { TranscriptPage } from './conversations/TranscriptPage';
import { useT } from './i18n';
import { InboxPage } from './inbox/InboxPage';
import { InboxProvider } from './inbox/live';
import { injectHandoffStyles } from './inbox/styles';
import { MembersPage } from './members/MembersPage';
import { OfflinePage } from './offline/OfflinePage';
import { TenantsPage } from './tenants/TenantsPage';
import { Link } from './ui/Link';
import { PageHeader } from './ui/PageHeader';
import { navigate, useLocation } from './ui/router';
import { BASE, parseRoute, type Route } from './ui/routes';
import { Shell } from './ui/Shell';
import { ErrorNote, Loading } from './ui/States';
import { UsagePage } from './usage/UsagePage';

type Auth = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'signedOut' } | { status: 'signedIn'; user: User };

/** Who is signed in decides the screen: sign-in, the forced first password change, or the console. */
export function App() {
  const [auth, setAuth] = useState<Auth>({ status: 'loading' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    setUnauthorizedHandler(() => setAuth({ status: 'signedOut' }));
    const controller = new AbortController();
    fetchMe(controller.signal).then(
      (user) => setAuth({ status: 'signedIn', user }),
      (error) => {
        if (controller.signal.aborted) return;
        setAuth((error as { status?: number }).status === 401 ? { status: 'signedOut' } : { status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [round]);

  const session = useMemo<Session | null>(() => {
    if (auth.status !== 'signedIn') return null;
    return {
      user: auth.user,
      async refresh() {
        setAuth({ status: 'signedIn', user: await fetchMe() });
      },
      async signOut() {
        await signOut().catch(() => {});
        setAuth({ status: 'signedOut' });
      },
    };
  }, [auth]);

  if (auth.status === 'loading') return <div class="boot"><Loading /></div>;
  if (auth.status === 'error') return <div class="boot"><ErrorNote error={auth.error} onRetry={() => setRound((n) => n + 1)} /></div>;
  if (auth.status === 'signedOut' || !session) return <SignIn onSignedIn={(user) => setAuth({ status: 'signedIn', user })} />;
  return (
    <SessionContext.Provider value={session}>
      {session.user.mustChangePassword ? <FirstPassword /> : <Console />}
    </SessionContext.Provider>
  );
}

function Console() {
  const { pathname, search } = useLocation();
  const route = parseRoute(pathname);

  useEffect(() => {
    if (route.name === 'home') navigate(`${BASE}/conversations`, { replace: true });
  }, [route.name]);

  injectHandoffStyles();
  return (
    <InboxProvider>
      <Shell route={route} pathname={pathname}>
        <Screen route={route} search={search} />
      </Shell>
    </InboxProvider>
  );
}

function Screen({ route, search }: { route: Route; search: string }) {
  const t = useT();
  const { user } = useSession();
  const can = permissions(user);
  switch (route.name) {
    case 'home':
      return null;
    case 'conversations':
      return <ConversationsPage search={search} />;
    case 'conversation':
      return <TranscriptPage key={route.id} id={route.id} />;
    case 'inbox':
      return <InboxPage id={route.id} />;
    case 'offline':
      return <OfflinePage />;
    case 'bots':
      return <BotsPage />;
    case 'bot':
      return <BotPage key={route.id} id={route.id} tab={route.tab} />;
    case 'members':
      return can.members ? <MembersPage /> : <Refused />;
    case 'usage':
      return <UsagePage search={search} />;
    case 'tenants':
      return can.tenants ? <TenantsPage /> : <Refused />;
    case 'account':
      return <AccountPage />;
    case 'notFound':
      return (
        <>
          <PageHeader title={t.errors.notFoundTitle} />
          <p>{t.errors.notFoundPage} <Link href={`${BASE}/conversations`}>{t.nav.conversations}</Link></p>
        </>
      );
  }
}

function Refused() {
  const t = useT();
  return (
    <>
      <PageHeader title={t.errors.forbiddenTitle} />
      <p>{t.errors.forbiddenPage}</p>
    </>
  );
}

