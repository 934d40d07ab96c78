import { useT } from '../i18n';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { PasswordForm } from './PasswordForm';
import { useSession } from './session';

/** Shown instead of everything else while the account still has the first password it was given. */
export function FirstPassword() {
  const t = useT();
  const session = useSession();
  return (
    <main class="auth-screen">
      <div class="auth-corner"><LanguageSwitch /></div>
      <div class="card auth-card">
        <p class="brand"><span class="brand-mark" aria-hidden="true">◆</span> {t.app.name}</p>
        <h1>{t.auth.firstTitle}</h1>
        <p class="muted">{t.auth.firstIntro(session.user.email)}</p>
        <PasswordForm onChanged={session.refresh} />
        <button type="button" class="button link" onClick={() => void session.signOut()}>{t.nav.signOut}</button>
      </div>
    </main>
  );
}
