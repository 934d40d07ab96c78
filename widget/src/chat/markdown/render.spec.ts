import { h } from 'preact';
import { Markdown } from './render';
import { toHtml } from './spec-helpers';

/** The rendered HTML without the `<div class="cc-md">` around it. */
const md = (text: string) => toHtml(h(Markdown, { text })).replace(/^<div class="cc-md">|<\/div>$/g, '');
const link = (href: string, text: string) => `<a href="${href}" target="_blank" rel="noopener noreferrer">${text}</a>`;

describe('Markdown', () => {
  it('wraps everything in one cc-md element', () => {
    expect(toHtml(h(Markdown, { text: 'hi' }))).toBe('<div class="cc-md"><p>hi</p></div>');
    expect(toHtml(h(Markdown, { text: '' }))).toBe('<div class="cc-md"></div>');
  });

  it('renders paragraphs, keeping soft line breaks as <br>', () => {
    expect(md('Hello\nworld  \n  again\n\nNext')).toBe('<p>Hello<br>world<br>again</p><p>Next</p>');
    expect(md('a\r\nb\rc')).toBe('<p>a<br>b<br>c</p>');
  });

  it('renders headings of every level as a bold paragraph', () => {
    for (const level of [1, 2, 3, 4, 5, 6]) expect(md(`${'#'.repeat(level)} Title *x*`)).toBe('<p><strong>Title <em>x</em></strong></p>');
    expect(md('#')).toBe('<p><strong></strong></p>');
    expect(md('####### seven\n#hashtag')).toBe('<p>####### seven<br>#hashtag</p>');
    expect(md('para\n## Head\nmore')).toBe('<p>para</p><p><strong>Head</strong></p><p>more</p>');
  });

  it('renders bullet lists with any marker, and ordered lists from their start number', () => {
    expect(md('- a\n- b\n* c\n+ d')).toBe('<ul><li><p>a</p></li><li><p>b</p></li></ul><ul><li><p>c</p></li></ul><ul><li><p>d</p></li></ul>');
    expect(md('1. a\n2. b')).toBe('<ol start="1"><li><p>a</p></li><li><p>b</p></li></ol>');
    expect(md('3) a\n4) b')).toBe('<ol start="3"><li><p>a</p></li><li><p>b</p></li></ol>');
    expect(md('Steps:\n1. a\n- b')).toBe('<p>Steps:</p><ol start="1"><li><p>a</p></li></ol><ul><li><p>b</p></li></ul>');
  });

  it('nests lists by indentation, keeps blank-separated items and lazy lines in the list', () => {
    expect(md('- a\n  - b\n    - c\n- d')).toBe(
      '<ul><li><p>a</p><ul><li><p>b</p><ul><li><p>c</p></li></ul></li></ul></li><li><p>d</p></li></ul>',
    );
    expect(md('1. one\n  - sub\n2. two')).toBe('<ol start="1"><li><p>one</p><ul><li><p>sub</p></li></ul></li><li><p>two</p></li></ol>');
    expect(md('- a\n\n  more\n\n- b')).toBe('<ul><li><p>a</p><p>more</p></li><li><p>b</p></li></ul>');
    expect(md('- a\nlazy\n\nafter')).toBe('<ul><li><p>a<br>lazy</p></li></ul><p>after</p>');
  });

  it('renders blockquotes, nested ones too', () => {
    expect(md('> a\n> b\n>\n> > c')).toBe('<blockquote><p>a<br>b</p><blockquote><p>c</p></blockquote></blockquote>');
    expect(md('> - x')).toBe('<blockquote><ul><li><p>x</p></li></ul></blockquote>');
  });

  it('renders fenced code blocks as text, ignoring the info string', () => {
    expect(md('```ts\nconst a = 1 < 2;\n\n  **no** `markdown`\n```\nafter')).toBe(
      '<pre><code>const a = 1 &lt; 2;\n\n  **no** `markdown`</code></pre><p>after</p>',
    );
    expect(md('~~~\n```\n~~~')).toBe('<pre><code>```</code></pre>');
    expect(md('````\n```\n````')).toBe('<pre><code>```</code></pre>');
    expect(md('```\n```')).toBe('<pre><code></code></pre>');
    expect(md('```js\nunclosed')).toBe('<pre><code>unclosed</code></pre>');
    expect(md('``` a`b ```')).toBe('<p><code>a`b</code></p>');
  });

  it('renders inline code, emphasis, strong and strikethrough', () => {
    expect(md('`a *b* <c>` and ``x ` y``')).toBe('<p><code>a *b* &lt;c&gt;</code> and <code>x ` y</code></p>');
    expect(md('*em* _em_ **st** __st__ ~~del~~ ***both***')).toBe(
      '<p><em>em</em> <em>em</em> <strong>st</strong> <strong>st</strong> <del>del</del> <em><strong>both</strong></em></p>',
    );
    expect(md('**bold *and em***')).toBe('<p><strong>bold <em>and em</em></strong></p>');
    expect(md('*em **and bold***')).toBe('<p><em>em <strong>and bold</strong></em></p>');
    expect(md('a**b**c 中文**粗体**中文')).toBe('<p>a<strong>b</strong>c 中文<strong>粗体</strong>中文</p>');
  });

  it('leaves delimiters that open or close nothing as text', () => {
    expect(md('snake_case_name, 2 * 3 * 4, a ~b~ c, **open, ~~~x~~~, x ** y')).toBe(
      '<p>snake_case_name, 2 * 3 * 4, a ~b~ c, **open, ~~~x~~~, x ** y</p>',
    );
    expect(md('**a ** b**')).toBe('<p><strong>a ** b</strong></p>');
    expect(md('`unclosed code')).toBe('<p>`unclosed code</p>');
    expect(md('****four****')).toBe('<p><strong><strong>four</strong></strong></p>');
  });

  it('renders links, and images as links labelled with their alt text', () => {
    expect(md('[the *docs*](https://example.com/a_(b)) next')).toBe(`<p>${link('https://example.com/a_(b)', 'the <em>docs</em>')} next</p>`);
    expect(md('[mail](mailto:a@example.com) [call](tel:+15550100)')).toBe(
      `<p>${link('mailto:a@example.com', 'mail')} ${link('tel:+15550100', 'call')}</p>`,
    );
    expect(md('![a cat](https://example.com/cat.png)')).toBe(`<p>${link('https://example.com/cat.png', 'a cat')}</p>`);
    expect(md('[https://example.com](https://example.com)')).toBe(`<p>${link('https://example.com/', 'https://example.com')}</p>`);
    expect(md('[no url]() [x] (y) [z]')).toBe('<p>no url [x] (y) [z]</p>');
  });

  it('shows the text of links and images whose URL may not be a link', () => {
    expect(md('[click](javascript:alert(1)) [rel](/path) ![pic](data:image/png;base64,AAAA)')).toBe('<p>click rel pic</p>');
  });

  it('links bare URLs, leaving trailing punctuation out', () => {
    expect(md('See https://example.com/a?b=1&c=2. Or (https://example.org), or https://en.wikipedia.org/wiki/Foo_(bar)!')).toBe(
      `<p>See ${link('https://example.com/a?b=1&amp;c=2', 'https://example.com/a?b=1&amp;c=2')}. Or (${link('https://example.org/', 'https://example.org')}), or ${link('https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)')}!</p>`,
    );
    expect(md('访问https://example.com/中文，然后。见 https://example.com。或https://example.com然后')).toBe(
      `<p>访问${link('https://example.com/%E4%B8%AD%E6%96%87', 'https://example.com/中文')}，然后。见 ${link('https://example.com/', 'https://example.com')}。或${link('https://example.com/', 'https://example.com')}然后</p>`,
    );
    expect(md('**https://example.com** `https://example.com` https:// x')).toBe(
      `<p><strong>${link('https://example.com/', 'https://example.com')}</strong> <code>https://example.com</code> https:// x</p>`,
    );
  });

  it('renders GFM tables with alignment and inline markdown in cells', () => {
    expect(md('| Name | Qty | Note |\n|:-----|----:|:----:|\n| **a** | 1 | `x` |\n| b | 2 |')).toBe(
      '<div><table><tr><th align="left">Name</th><th align="right">Qty</th><th align="center">Note</th></tr>'
      + '<tr><td align="left"><strong>a</strong></td><td align="right">1</td><td align="center"><code>x</code></td></tr>'
      + '<tr><td align="left">b</td><td align="right">2</td><td align="center"></td></tr></table></div>',
    );
    expect(md('a | b\n--- | ---\n1 | 2\n\nafter')).toBe(
      '<div><table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table></div><p>after</p>',
    );
    expect(md('intro\n| a |\n|---|')).toBe('<p>intro</p><div><table><tr><th>a</th></tr></table></div>');
  });

  it('renders a table header without its delimiter row as a paragraph', () => {
    expect(md('| a | b |')).toBe('<p>| a | b |</p>');
    expect(md('| a | b |\n| c | d |')).toBe('<p>| a | b |<br>| c | d |</p>');
  });

  it('renders horizontal rules', () => {
    expect(md('a\n\n---\n***\n_ _ _\nb')).toBe('<p>a</p><hr><hr><hr><p>b</p>');
    expect(md('text\n\n---')).toBe('<p>text</p><hr>');
  });

  it('honours backslash escapes and keeps other backslashes', () => {
    expect(md('\\*not em\\* \\_x\\_ \\`y\\` \\[z](/a) \\# \\\\ C:\\path')).toBe('<p>*not em* _x_ `y` [z](/a) # \\ C:\\path</p>');
    expect(md('\\# not a heading\n\\- not a list')).toBe('<p># not a heading<br>- not a list</p>');
  });

  it('shows raw HTML and entities exactly as typed', () => {
    expect(md('<b>x</b> &lt; &amp; &#x3C; &copy;')).toBe('<p>&lt;b&gt;x&lt;/b&gt; &amp;lt; &amp;amp; &amp;#x3C; &amp;copy;</p>');
  });
});
