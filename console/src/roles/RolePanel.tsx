import { useEffect, useState } from 'preact/hooks';
import type { BotView, RoleVersion } from '../api/types';
import { useT } from '../i18n';
import { ConfirmDialog } from '../ui/Dialog';
import { Empty, ErrorNote, Loading } from '../ui/States';
import { useAsync } from '../ui/use-async';
import { activateRole, listRoles, publishRole } from './api';
import { diffLines, diffStats } from './diff';
import { DiffView } from './DiffView';
import { Preview } from './Preview';
import { RoleEditor } from './RoleEditor';
import { VersionList } from './VersionList';

interface Props {
  bot: BotView;
  canEdit: boolean;
  canPreview: boolean;
  onActiveChanged(version: number): void;
}

type Pending = { kind: 'publish' } | { kind: 'activate'; role: RoleVersion };

/** The bot's role: a draft to edit, try in the preview and publish; the versions; a diff of any two. */
export function RolePanel({ bot, canEdit, canPreview, onActiveChanged }: Props) {
  const t = useT();
  const { state, reload } = useAsync((signal) => listRoles(bot.id, signal), [bot.id]);
  const roles = state.data ?? [];
  const active = roles.find((role) => role.active) ?? null;
  const [draft, setDraft] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [published, setPublished] = useState<number | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  // The draft starts as the active role, once the versions are in.
  useEffect(() => {
    if (state.status === 'ready' && draft === null) setDraft(active?.systemPrompt ?? '');
  }, [state.status]);

  // Compare the previous version with the newest by default (or the newest with the draft).
  useEffect(() => {
    if (state.status !== 'ready') return;
    const newest = roles[0];
    setFrom((f) => (f && (f === 'draft' || roles.some((r) => String(r.version) === f)) ? f : String(roles[1]?.version ?? newest?.version ?? '')));
    setTo((v) => (v && (v === 'draft' || roles.some((r) => String(r.version) === v)) ? v : roles.length > 1 ? String(newest.version) : 'draft'));
  }, [state]);

  const text = draft ?? '';
  const changed = text !== (active?.systemPrompt ?? '');
  const nextVersion = (roles[0]?.version ?? 0) + 1;
  const pick = (value: string) => (value === 'draft' ? text : roles.find((r) => String(r.version) === value)?.systemPrompt ?? '');

  async function confirm() {
    if (!pending) return;
    setBusy(true);
    setActionError(null);
    try {
      if (pending.kind === 'publish') {
        // The version it replaces for visitors: the active one (else the newest).
        const previous = active?.version ?? roles[0]?.version;
        const role = await publishRole(bot.id, text, note);
        setNote('');
        setPublished(role.version);
        // What was just published, compared with the version it replaced.
        setFrom(previous === undefined ? 'draft' : String(previous));
        setTo(String(role.version));
        onActiveChanged(role.version);
      } else {
        await activateRole(bot.id, pending.role.version);
        // The editor holds the role now active, so publishing cannot bring back what was just rolled away from.
        setDraft(pending.role.systemPrompt);
        setPublished(null);
        onActiveChanged(pending.role.version);
      }
      setPending(null);
      reload();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  }

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNote error={state.error} onRetry={reload} />;

  const stats = diffStats(diffLines(active?.systemPrompt ?? '', text));
  return (
    <div class="role-panel">
      <div class={`role-top${canPreview ? '' : ' single'}`}>
        <RoleEditor
          draft={text}
          note={note}
          readOnly={!canEdit}
          changed={changed}
          activeVersion={active?.version ?? null}
          nextVersion={nextVersion}
          published={published}
          onDraft={(value) => { setDraft(value); setPublished(null); }}
          onNote={setNote}
          onRevert={() => setDraft(active?.systemPrompt ?? '')}
          onPublish={() => { setActionError(null); setPending({ kind: 'publish' }); }}
        />
        {canPreview && <Preview botId={bot.id} draft={text} usesDraft={changed} />}
      </div>

      <section class="card">
        <h2>{t.roles.versions}</h2>
        {roles.length === 0 ? (
          <Empty>{t.roles.none}</Empty>
        ) : (
          <VersionList roles={roles} canEdit={canEdit}
            onLoad={(role) => { setDraft(role.systemPrompt); setPublished(null); document.getElementById('role-editor')?.focus(); }}
            onActivate={(role) => { setActionError(null); setPending({ kind: 'activate', role }); }} />
        )}
      </section>

      {(roles.length > 0 || changed) && (
        <section class="card">
          <div class="section-head wrap">
            <h2>{t.roles.compare}</h2>
            <div class="inline-form">
              <label class="field compact inline">
                <span class="field-label">{t.roles.from}</span>
                <select value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
                  {roles.map((r) => <option key={r.version} value={r.version}>v{r.version}{r.active ? ` (${t.roles.active})` : ''}</option>)}
                  <option value="draft">{t.roles.draft}</option>
                </select>
              </label>
              <label class="field compact inline">
                <span class="field-label">{t.roles.to}</span>
                <select value={to} onChange={(e) => setTo(e.currentTarget.value)}>
                  {roles.map((r) => <option key={r.version} value={r.version}>v{r.version}{r.active ? ` (${t.roles.active})` : ''}</option>)}
                  <option value="draft">{t.roles.draft}</option>
                </select>
              </label>
            </div>
          </div>
          <DiffView before={pick(from)} after={pick(to)} />
        </section>
      )}

      {pending && (
        <ConfirmDialog
          title={pending.kind === 'publish' ? t.roles.publishTitle(nextVersion) : t.roles.activateTitle(pending.role.version)}
          message={pending.kind === 'publish'
            ? <p>{t.roles.publishMessage(stats.added, stats.removed)}</p>
            : <>
                <p>{t.roles.activateMessage(pending.role.version, active?.version ?? null)}</p>
                {changed && <p class="notice">{t.roles.activateReplacesDraft(pending.role.version)}</p>}
              </>}
          confirmLabel={pending.kind === 'publish' ? t.roles.publish : t.roles.activate}
          busy={busy}
          error={actionError !== null && <ErrorNote error={actionError} compact />}
          onConfirm={() => void confirm()}
          onClose={() => !busy && setPending(null)}
        />
      )}
    </div>
  );
}
