/**
 * Puts CSS into a shadow root as a constructed stylesheet: Content-Security-Policy governs
 * `<style>` elements, not constructed sheets, so the page needs neither `'unsafe-inline'` nor a
 * nonce in `style-src`. Browsers without constructable stylesheets get a `<style>` carrying
 * the loader's nonce.
 */
export function addStyles(root: ShadowRoot, css: string, nonce?: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    const style = document.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = css;
    root.prepend(style);
  }
}
