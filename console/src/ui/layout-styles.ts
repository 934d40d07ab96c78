/** The shell (sidebar, main column), page headers, sign-in screens, and the narrow-window layout. */
export const layoutStyles = `
.shell { display: grid; grid-template-columns: 232px minmax(0, 1fr); min-height: 100vh; }
.skip-link { position: absolute; left: 12px; top: -60px; z-index: 10; padding: 8px 12px; background: var(--surface); border-radius: var(--radius-sm); }
.skip-link:focus { top: 12px; }
.sidebar {
  position: sticky; top: 0; height: 100vh;
  display: flex; flex-direction: column; gap: 18px;
  padding: 18px 12px; border-right: 1px solid var(--border); background: var(--surface);
}
.brand { display: flex; align-items: center; gap: 8px; padding: 4px 10px; font-weight: 650; font-size: 16px; color: var(--fg); text-decoration: none; }
.brand:hover { color: var(--fg); }
.brand-mark { color: var(--accent); }
.nav-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
.nav-link {
  display: block; padding: 8px 12px; border-radius: var(--radius-sm);
  color: var(--muted); text-decoration: none; font-weight: 500;
}
.nav-link:hover { background: var(--surface-2); color: var(--fg); }
.nav-link[aria-current="page"] { background: var(--accent-soft); color: var(--accent); }
.sidebar-footer { margin-top: auto; display: grid; gap: 10px; padding: 12px 4px 0; border-top: 1px solid var(--border); }
.who { display: grid; gap: 1px; padding: 0 6px; min-width: 0; }
.who-email { font-weight: 500; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.who-role { font-size: 12px; color: var(--muted); }
.sidebar-tools { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.language-switch select { width: auto; height: 30px; padding: 3px 8px; font-size: 13px; }

.main { padding: 24px 32px 48px; min-width: 0; max-width: 1280px; width: 100%; }
.main:focus { outline: none; box-shadow: none; }
.page-header { display: flex; align-items: flex-end; justify-content: space-between; gap: 16px; flex-wrap: wrap; margin-bottom: 18px; }
.page-heading { display: grid; gap: 4px; min-width: 0; }
.page-back { font-size: 13px; }
.page-back a { text-decoration: none; }
.page-subtitle { color: var(--muted); }
.page-actions { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
.page-title { overflow-wrap: anywhere; }
.meta-line { display: inline-flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; }
.tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--border); margin-bottom: 18px; }
.tab {
  padding: 8px 14px; margin-bottom: -1px;
  border-bottom: 2px solid transparent; color: var(--muted); text-decoration: none; font-weight: 500;
}
.tab:hover { color: var(--fg); }
.tab[aria-current="page"] { color: var(--accent); border-bottom-color: var(--accent); }

.boot { min-height: 100vh; display: grid; place-items: center; padding: 24px; }
.auth-screen { min-height: 100vh; display: grid; place-items: center; padding: 56px 16px 24px; position: relative; }
.auth-corner { position: absolute; top: 16px; right: 16px; }
.auth-card { width: min(420px, 100%); display: grid; gap: 16px; padding: 28px; }
.auth-card .brand { padding: 0; }

.save-bar {
  position: sticky; bottom: 0; z-index: 2;
  display: flex; align-items: center; justify-content: flex-end; flex-wrap: wrap; gap: 10px;
  margin-top: 16px; padding: 12px 16px;
  background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius);
  box-shadow: 0 -4px 12px rgb(16 24 40 / 0.06);
}
.save-bar .error-note { flex: 1 1 100%; }
.bot-editor { display: grid; gap: 16px; }
.bot-editor .card { display: grid; gap: 16px; }
.bot-editor .card > h2 { margin: 0; }
.field-row { display: flex; gap: 6px; align-items: center; }
.field-row > input, .field-row > select { flex: 1 1 auto; min-width: 0; }
.field-row > .color-picker { flex: none; width: 42px; height: 36px; padding: 2px; }
.key-state { display: flex; align-items: center; gap: 10px; }
.secret-reveal { display: grid; gap: 8px; margin-top: 8px; }
.snippet {
  margin: 10px 0 4px; padding: 12px 14px; overflow-x: auto;
  background: var(--surface-2); border-radius: var(--radius-sm); border: 1px solid var(--border);
  font-family: var(--mono); font-size: 13px; white-space: pre-wrap; overflow-wrap: anywhere;
}

@media (max-width: 1024px) {
  .main { padding: 20px 20px 40px; }
  .grid-3 { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
@media (max-width: 900px) {
  .shell { grid-template-columns: minmax(0, 1fr); }
  .sidebar {
    position: static; height: auto; flex-direction: row; flex-wrap: wrap; align-items: center; gap: 8px 16px;
    padding: 10px 16px; border-right: none; border-bottom: 1px solid var(--border);
  }
  .sidebar nav { order: 3; flex: 1 1 100%; overflow-x: auto; }
  .nav-list { display: flex; gap: 4px; }
  .nav-link { white-space: nowrap; padding: 6px 10px; }
  .sidebar-footer { margin: 0 0 0 auto; padding: 0; border: none; display: flex; align-items: center; gap: 10px; }
  .who-role { display: none; }
  .who-email { max-width: 200px; }
}
@media (max-width: 700px) {
  .grid-2, .grid-3 { grid-template-columns: minmax(0, 1fr); }
  .main { padding: 16px 12px 32px; }
  .who { display: none; }
}
`;
