import { useT } from '../i18n';
import { PageHeader } from '../ui/PageHeader';
import { PasswordForm } from './PasswordForm';
import { useSession } from './session';

export function AccountPage() {
  const t = useT();
  const { user } = useSession();
  return (
    <>
      <PageHeader title={t.auth.accountTitle} subtitle={user.email} />
      <section class="card narrow">
        <PasswordForm onChanged={() => {}} />
      </section>
    </>
  );
}
