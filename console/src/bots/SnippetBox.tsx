import { useRef, useState } from 'preact/hooks';
import { useT } from '../i18n';
import { copyText, selectContents } from './clipboard';

/** The embed snippet, as text, with a Copy button; if copying is refused the text is left selected. */
export function SnippetBox({ snippet }: { snippet: string }) {
  const t = useT();
  const code = useRef<HTMLElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');

  async function copy() {
    if (await copyText(snippet)) {
      setState('copied');
      window.setTimeout(() => setState('idle'), 2000);
    } else {
      if (code.current) selectContents(code.current);
      setState('manual');
    }
  }

  return (
    <section class="card">
      <div class="section-head">
        <h2>{t.bots.snippet}</h2>
        <button type="button" class="button small" onClick={copy}>{state === 'copied' ? `✓ ${t.common.copied}` : t.common.copy}</button>
      </div>
      <p class="muted small">{t.bots.snippetHint}</p>
      <pre class="snippet"><code ref={code}>{snippet}</code></pre>
      <p class="small" role="status" aria-live="polite">{state === 'manual' ? t.bots.copyManually : ''}</p>
    </section>
  );
}
