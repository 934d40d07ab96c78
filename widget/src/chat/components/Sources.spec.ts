import { h } from 'preact';
import type { WireSource } from '../../../../backend/src/chat/widget.events';
import { strings } from '../i18n';
import { textOf, toHtml, type Seen } from '../markdown/spec-helpers';
import { MessageBody } from './MessageBody';
import { Reply } from './Reply';

const en = strings('en');
const sources: WireSource[] = [
  { n: 1, sourceId: 's1', title: 'Fees', url: 'https://school.example/fees', excerpt: 'Fees are due in May.' },
  { n: 2, sourceId: 's2', title: 'Evil', url: 'javascript:alert(1)', excerpt: 'x' },
  { n: 3, sourceId: 's3', title: 'Handbook', excerpt: 'Uploaded file.' },
];

function body(text: string, list: WireSource[] | undefined, t = en) {
  const seen: Seen[] = [];
  const tree = h(Reply, { t, text, sources: list });
  return { html: toHtml(tree, seen), text: textOf(tree), seen };
}

describe('an answer with sources', () => {
  it('renders known citations as buttons named after their source, others as text', () => {
    const { seen, text } = body('Due in May [1][3]; see also [9] and `a[1]`.', sources);
    const buttons = seen.filter((e) => e.tag == 'button');
    expect(buttons.map((b) => [b.props['aria-label'], b.props.title])).toEqual([['Source 1: Fees', 'Fees'], ['Source 3: Handbook', 'Handbook']]);
    expect(buttons.every((b) => b.props.type == 'button' && b.props.class == 'cc-cite')).toBe(true);
    expect(text).toContain('Due in May [1][3]; see also [9] and a[1].');
  });

  it('names citations in Chinese', () => {
    const { seen } = body('五月 [1]', sources, strings('zh-CN'));
    expect(seen.find((e) => e.tag == 'button')?.props['aria-label']).toBe('来源 1：Fees');
    expect(body('x', sources, strings('zh-CN')).text).toContain('来源');
  });

  it('lists every source in order under the answer, cited ones marked, excerpts as titles', () => {
    const { seen, text } = body('Due in May [1].', sources);
    const items = seen.filter((e) => e.tag == 'li');
    expect(items.map((li) => [li.props['data-n'], li.props.class, li.props.title, li.props.tabIndex]))
      .toEqual([[1, 'cc-cited', 'Fees are due in May.', -1], [2, undefined, 'x', -1], [3, undefined, 'Uploaded file.', -1]]);
    expect(text).toContain('Sources1. Fees2. Evil3. Handbook');
  });

  it('links only sources with an http(s) URL, in a new tab without opener', () => {
    const { seen, html } = body('Hi', sources);
    expect(seen.filter((e) => e.tag == 'a').map((a) => a.props))
      .toEqual([{ href: 'https://school.example/fees', target: '_blank', rel: 'noopener noreferrer' }]);
    expect(html).not.toContain('javascript');
    expect(html).toContain('2. Evil</li>');
  });

  it('shows no list and no citation without sources', () => {
    for (const list of [undefined, []]) {
      const { seen, html } = body('Plain [1].', list);
      expect(html).toBe('<div class="cc-body" dir="auto"><div class="cc-md"><p>Plain [1].</p></div></div>');
      expect(seen.some((e) => e.tag == 'button' || e.tag == 'li')).toBe(false);
    }
  });

  it('keeps the visitor text plain', () => {
    expect(toHtml(h(MessageBody, { t: en, text: 'a [1]', markdown: false, sources }))).toBe('<div class="cc-body" dir="auto">a [1]</div>');
  });
});
