import { cite, sourceHref } from './cite';
import { parseMarkdown, type Node } from './parse';

/** The tree as compact text: citations as `{n}`, elements as `<tag>…</tag>`. */
const flat = (nodes: Node[]): string => nodes.map((node) => (typeof node == 'string' ? node
  : node.type == 'sup' ? `{${node.n}}` : `<${node.type}>${flat(node.children)}</${node.type}>`)).join('');

function cited(text: string, sources = [1, 2, 3]) {
  const numbers = new Set<number>();
  const tree = cite(parseMarkdown(text), (n) => sources.includes(n), numbers);
  return { out: flat(tree), numbers: [...numbers].sort() };
}

describe('citations', () => {
  it('turns [n] of a known source into a citation', () => {
    expect(cited('Open at 9 [1].')).toEqual({ out: '<p>Open at 9 {1}.</p>', numbers: [1] });
    expect(cited('[2]')).toEqual({ out: '<p>{2}</p>', numbers: [2] });
  });

  it('handles several in a row and several in one bracket', () => {
    expect(cited('Fees [1][2] and refunds [1, 3].').out).toBe('<p>Fees {1}{2} and refunds {1}{3}.</p>');
    expect(cited('学费[1，2]。[2、3]').out).toBe('<p>学费{1}{2}。{2}{3}</p>');
    expect(cited('a [1,2,3]').numbers).toEqual([1, 2, 3]);
  });

  it('leaves a number that is no source as text, and a bracket with any such number whole', () => {
    expect(cited('See [4] and [1][4].')).toEqual({ out: '<p>See [4] and {1}[4].</p>', numbers: [1] });
    expect(cited('[1, 4] [0] [] [a] [1 2] [ 1 ] list[1]x').out).toBe('<p>[1, 4] [0] [] [a] [1 2] [ 1 ] list{1}x</p>');
    expect(cited('Any [1].', [])).toEqual({ out: '<p>Any [1].</p>', numbers: [] });
  });

  it('leaves code spans, code blocks and link text alone', () => {
    expect(cited('`arr[1]` is [2]').out).toBe('<p><code>arr[1]</code> is {2}</p>');
    expect(cited('```\nx = a[1]\n```\nbut [1]').out).toBe('<pre><code>x = a[1]</code></pre><p>but {1}</p>');
    expect(cited('[see](https://x.example) https://x.example/a[1]').out).toBe('<p><a>see</a> <a>https://x.example/a[1]</a></p>');
  });

  it('finds citations inside emphasis, lists, quotes and tables', () => {
    expect(cited('**bold [1]**\n\n- item [2]\n\n> quote [3]').out)
      .toBe('<p><strong>bold {1}</strong></p><ul><li><p>item {2}</p></li></ul><blockquote><p>quote {3}</p></blockquote>');
    expect(cited('| a | b |\n|---|---|\n| x [1] | y |').out).toBe('<div><table><tr><th>a</th><th>b</th></tr><tr><td>x {1}</td><td>y</td></tr></table></div>');
  });

  it('does not take a Markdown link [1](url) for a citation', () => {
    expect(cited('[1](https://x.example)').out).toBe('<p><a>1</a></p>');
  });
});

describe('source links', () => {
  it('allows absolute http and https URLs only', () => {
    expect(sourceHref('https://docs.example/a b')).toBe('https://docs.example/a%20b');
    expect(sourceHref('HTTP://docs.example')).toBe('http://docs.example/');
    for (const url of [undefined, '', 'javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x',
      'mailto:a@b.example', 'tel:123', '/relative', '//evil.example', 'vbscript:x']) {
      expect(sourceHref(url)).toBeUndefined();
    }
  });
});
