import type { RoleVersion } from '../api/types';
import { useI18n } from '../i18n';
import { formatDateTime } from '../i18n/format';

interface Props {
  roles: RoleVersion[];
  canEdit: boolean;
  onActivate(role: RoleVersion): void;
  onLoad(role: RoleVersion): void;
}

/** Every published version, newest first; the active one marked; older ones can be rolled back to. */
export function VersionList({ roles, canEdit, onActivate, onLoad }: Props) {
  const { t, locale } = useI18n();
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t.roles.version}</th>
            <th scope="col">{t.roles.author}</th>
            <th scope="col">{t.roles.published}</th>
            <th scope="col">{t.roles.noteColumn}</th>
            {canEdit && <th scope="col"><span class="visually-hidden">{t.common.actions}</span></th>}
          </tr>
        </thead>
        <tbody>
          {roles.map((role) => (
            <tr key={role.version} class={role.active ? 'active-row' : undefined}>
              <th scope="row">
                <span class="mono">v{role.version}</span> {role.active && <span class="badge success">{t.roles.active}</span>}
              </th>
              <td>{role.author?.email ?? <span class="muted">{t.roles.system}</span>}</td>
              <td>{formatDateTime(role.createdAt, locale)}</td>
              <td class="note-cell">{role.note || <span class="muted">—</span>}</td>
              {canEdit && (
                <td class="row-actions">
                  {/* The visible text names the version, so it is the accessible name as it stands (no aria-label to differ). */}
                  <button type="button" class="button small ghost" onClick={() => onLoad(role)}>{t.roles.loadVersion(role.version)}</button>
                  {!role.active && (
                    <button type="button" class="button small" onClick={() => onActivate(role)}
                      aria-label={t.roles.activateLabel(role.version)}>{t.roles.activate}</button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
