import { useState } from 'preact/hooks';
import { useT } from '../i18n';
import { Field } from '../ui/Field';
import { FormActions } from './FormActions';
import { checkUrl } from './source-forms';
import type { KnowledgeSource, UrlBody } from './types';
import { useSend } from './use-send';

interface Props {
  disabled?: boolean;
  send(body: UrlBody): Promise<KnowledgeSource>;
  onDone(source: KnowledgeSource): void;
}

/** A web page to fetch, and whether to follow its links within the site. */
export function UrlForm({ disabled, send, onDone }: Props) {
  const t = useT();
  const k = t.knowledge;
  const [url, setUrl] = useState('');
  const [crawl, setCrawl] = useState(false);
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useSend();
  const checked = checkUrl(url, crawl);
  const problem = tried && !checked.ok ? checked.problems.url : undefined;

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (!checked.ok) return;
    const result = await run(() => send(checked.body));
    if (!result.ok) return;
    setTried(false);
    setUrl('');
    setCrawl(false);
    onDone(result.value);
  }

  return (
    <form class="knowledge-form" onSubmit={submit} noValidate>
      <fieldset disabled={busy || disabled}>
        <Field label={k.url} hint={k.urlHint} error={problem === 'required' ? t.form.required : problem === 'url' ? k.badUrl : undefined}>
          <input type="url" inputMode="url" class="mono" value={url} placeholder="https://www.example.com/help"
            onInput={(e) => setUrl(e.currentTarget.value)} />
        </Field>
        <div class="field">
          <label class="checkbox">
            <input type="checkbox" checked={crawl} aria-describedby="knowledge-crawl-hint" onChange={(e) => setCrawl(e.currentTarget.checked)} />
            <span>{k.crawl}</span>
          </label>
          <span class="field-hint" id="knowledge-crawl-hint">{k.crawlHint}</span>
        </div>
      </fieldset>
      <FormActions busy={busy} editing={false} error={error} disabled={disabled} />
    </form>
  );
}
