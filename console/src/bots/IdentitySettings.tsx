import { useEffect, useRef, useState } from 'preact/hooks';
import type { BotView } from '../api/types';
import { useT } from '../i18n';
import { ConfirmDialog } from '../ui/Dialog';
import { Toggle } from '../ui/Field';
import { ErrorNote } from '../ui/States';
import { rotateIdentitySecret } from './api';
import { copyText, selectContents } from './clipboard';

interface Props {
  bot: BotView;
  readOnly: boolean;
  /** The form's `requireIdentity`, saved with the other settings. */
  required: boolean;
  onRequiredChange(required: boolean): void;
  /** The server refused `settings.requireIdentity`. */
  refused: boolean;
}

/** How a site's server makes the hash; the same in both languages. */
const NODE_EXAMPLE = `const crypto = require('node:crypto');
const hash = crypto.createHmac('sha256', IDENTITY_SECRET).update(user.id).digest('hex');
// in the page:
CustomChat('identify', { id: user.id, name: user.name, email: user.email, hash });`;

/**
 * The bot's identity secret (made or rotated here, shown once) and whether a verified identity is
 * required. The secret is made at once, apart from the form's Save.
 */
export function IdentitySettings({ bot, readOnly, required, onRequiredChange, refused }: Props) {
  const t = useT();
  const [secretSet, setSecretSet] = useState(bot.identity.secretSet);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'manual'>('idle');
  const code = useRef<HTMLElement>(null);

  useEffect(() => setSecretSet(bot.identity.secretSet), [bot]);

  async function generate() {
    setBusy(true);
    setError(null);
    try {
      const made = await rotateIdentitySecret(bot.id);
      setSecret(made.secret);
      setSecretSet(true);
      setCopy('idle');
      setConfirming(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function copySecret() {
    if (!secret) return;
    if (await copyText(secret)) {
      setCopy('copied');
    } else {
      if (code.current) selectContents(code.current);
      setCopy('manual');
    }
  }

  return (
    <section class="card">
      <h2>{t.bots.identity}</h2>
      <p class="muted small">{t.bots.identityHint}</p>
      <div class="field">
        <span class="field-label">{t.bots.identitySecret}</span>
        <p class="key-state">
          <span class={`badge ${secretSet ? 'success' : 'neutral'}`}>{secretSet ? t.bots.keySet : t.bots.keyNotSet}</span>
          {!readOnly && (
            <button type="button" class="button small" disabled={busy}
              onClick={() => (secretSet ? setConfirming(true) : void generate())}>
              {busy && !confirming ? t.common.working : secretSet ? t.bots.rotateSecret : t.bots.generateSecret}
            </button>
          )}
        </p>
        {error !== null && !confirming && <ErrorNote error={error} compact />}
        {secret && (
          <div class="secret-reveal">
            <p class="notice" role="status">{t.bots.secretOnce}</p>
            <pre class="snippet"><code ref={code}>{secret}</code></pre>
            <p class="key-state">
              <button type="button" class="button small" onClick={copySecret}>{copy === 'copied' ? `✓ ${t.common.copied}` : t.common.copy}</button>
              <button type="button" class="button small ghost" onClick={() => setSecret(null)}>{t.bots.secretDone}</button>
            </p>
            <p class="small" aria-live="polite">{copy === 'manual' ? t.bots.copySecretManually : ''}</p>
          </div>
        )}
      </div>
      <div class="field">
        <span class="field-label">{t.bots.requireIdentity}</span>
        <Toggle label={required ? t.bots.enabled : t.bots.disabled} checked={required}
          disabled={readOnly || (!secretSet && !required)} onChange={onRequiredChange} />
        {refused || (!secretSet && !readOnly) ? (
          <span class={refused ? 'field-error' : 'field-hint'} role={refused ? 'alert' : undefined}>{t.bots.requireIdentityNeedsSecret}</span>
        ) : (
          <span class="field-hint">{t.bots.requireIdentityHint}</span>
        )}
      </div>
      <div class="field">
        <span class="field-label subtle">{t.bots.hashExample}</span>
        <pre class="snippet"><code>{NODE_EXAMPLE}</code></pre>
      </div>
      {confirming && (
        <ConfirmDialog title={t.bots.rotateTitle} message={t.bots.rotateMessage} confirmLabel={t.bots.rotateSecret} danger busy={busy}
          error={error !== null ? <ErrorNote error={error} compact /> : undefined}
          onConfirm={() => void generate()} onClose={() => { setConfirming(false); setError(null); }} />
      )}
    </section>
  );
}
