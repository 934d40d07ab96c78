import { permissions, useSession } from '../auth/session';
import { useT } from '../i18n';
import { KnowledgePanel } from '../knowledge/KnowledgePanel';
import { RolePanel } from '../roles/RolePanel';
import { RulesPanel } from '../rules/RulesPanel';
import { Link } from '../ui/Link';
import { PageHeader } from '../ui/PageHeader';
import { routePath, type BotTab } from '../ui/routes';
import { ErrorNote, Loading } from '../ui/States';
import { useAsync } from '../ui/use-async';
import { getBot } from './api';
import { BotEditor } from './BotEditor';
import { SnippetBox } from './SnippetBox';

/** One bot: its settings and snippet, its role (versions, diff, preview), its knowledge (documents), or its rules. */
export function BotPage({ id, tab }: { id: string; tab: BotTab }) {
  const t = useT();
  const can = permissions(useSession().user);
  const { state, reload, setData } = useAsync((signal) => getBot(id, signal), [id]);
  const back = <Link href={routePath({ name: 'bots' })}>← {t.bots.title}</Link>;

  if (state.status === 'loading') return <><PageHeader title={t.bots.title} back={back} /><Loading /></>;
  if (state.status === 'error') return <><PageHeader title={t.bots.title} back={back} /><ErrorNote error={state.error} onRetry={reload} /></>;
  const bot = state.data;

  return (
    <>
      <PageHeader
        back={back}
        title={bot.name}
        subtitle={
          <span class="meta-line">
            <span class={`badge ${bot.enabled ? 'success' : 'neutral'}`}>{bot.enabled ? t.bots.enabled : t.bots.disabled}</span>
            <span>{t.bots.publicKey}: <code>{bot.publicKey}</code></span>
            {bot.activeRoleVersion !== null && <span class="badge outline mono">{t.transcript.roleVersion(bot.activeRoleVersion)}</span>}
          </span>
        }
      />
      <nav class="tabs" aria-label={t.bots.sections}>
        <Link href={routePath({ name: 'bot', id, tab: 'settings' })} class="tab" aria-current={tab === 'settings' ? 'page' : undefined}>
          {t.bots.settingsTab}
        </Link>
        <Link href={routePath({ name: 'bot', id, tab: 'role' })} class="tab" aria-current={tab === 'role' ? 'page' : undefined}>
          {t.bots.roleTab}
        </Link>
        <Link href={routePath({ name: 'bot', id, tab: 'knowledge' })} class="tab" aria-current={tab === 'knowledge' ? 'page' : undefined}>
          {t.bots.knowledgeTab}
        </Link>
        <Link href={routePath({ name: 'bot', id, tab: 'rules' })} class="tab" aria-current={tab === 'rules' ? 'page' : undefined}>
          {t.rules.tab}
        </Link>
      </nav>
      {tab === 'settings' ? (
        <div class="stack">
          <SnippetBox snippet={bot.snippet} />
          <BotEditor bot={bot} readOnly={!can.editBots} onSaved={(updated) => setData(() => updated)} />
        </div>
      ) : tab === 'rules' ? (
        <RulesPanel botId={bot.id} canEdit={can.editBots} />
      ) : tab === 'knowledge' ? (
        <KnowledgePanel bot={bot} canEdit={can.editBots} onBotSaved={(updated) => setData(() => updated)} />
      ) : (
        <RolePanel bot={bot} canEdit={can.editBots} canPreview={can.preview}
          onActiveChanged={(version) => setData((b) => ({ ...b, activeRoleVersion: version }))} />
      )}
    </>
  );
}
