import { useEffect } from 'preact/hooks';

/**
 * On phones the on-screen keyboard shrinks the visual viewport, not the layout one: the
 * full-screen panel follows `visualViewport` (through `--cc-vvh`/`--cc-vvt`) so the input
 * stays above the keyboard.
 */
export function useVisualViewport(host: HTMLElement, open: boolean): void {
  useEffect(() => {
    const vv = window.visualViewport;
    if (!open || !vv) return;
    const sync = () => {
      host.style.setProperty('--cc-vvh', `${vv.height}px`);
      host.style.setProperty('--cc-vvt', `${vv.offsetTop}px`);
    };
    sync();
    vv.addEventListener('resize', sync);
    vv.addEventListener('scroll', sync);
    return () => {
      vv.removeEventListener('resize', sync);
      vv.removeEventListener('scroll', sync);
    };
  }, [host, open]);
}
