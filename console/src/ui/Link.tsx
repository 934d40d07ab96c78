import type { ComponentChildren } from 'preact';
import { isPlainClick, navigate } from './router';

interface Props {
  href: string;
  class?: string;
  title?: string;
  'aria-current'?: 'page';
  'aria-label'?: string;
  children?: ComponentChildren;
}

/** A real link (open in a new tab works) that navigates in place on a plain click. */
export function Link({ href, children, ...rest }: Props) {
  return (
    <a {...rest} href={href} onClick={(e) => {
      if (!isPlainClick(e)) return;
      e.preventDefault();
      navigate(href);
    }}>
      {children}
    </a>
  );
}
