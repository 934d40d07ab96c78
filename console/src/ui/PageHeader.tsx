import type { ComponentChildren } from 'preact';

interface Props {
  title: ComponentChildren;
  subtitle?: ComponentChildren;
  /** Above the title: a way back. */
  back?: ComponentChildren;
  actions?: ComponentChildren;
}

export function PageHeader({ title, subtitle, back, actions }: Props) {
  return (
    <header class="page-header">
      <div class="page-heading">
        {back && <div class="page-back">{back}</div>}
        <h1 tabIndex={-1} class="page-title">{title}</h1>
        {subtitle && <p class="page-subtitle">{subtitle}</p>}
      </div>
      {actions && <div class="page-actions">{actions}</div>}
    </header>
  );
}
