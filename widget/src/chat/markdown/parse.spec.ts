import { inlines, parseMarkdown } from './parse';

describe('parseMarkdown', () => {
  it('builds an element-shaped tree whose leaves are plain strings', () => {
    expect(parseMarkdown('# Hi\n\n2. **a** [b](https://x.example)\n\n| h |\n|:-:|\n| c |\n\n```\n<x>\n```\n> q\n\n---')).toEqual([
      { type: 'p', children: [{ type: 'strong', children: ['Hi'] }] },
      {
        type: 'ol',
        start: 2,
        children: [{
          type: 'li',
          children: [{
            type: 'p',
            children: [{ type: 'strong', children: ['a'] }, ' ', { type: 'a', url: 'https://x.example', children: ['b'] }],
          }],
        }],
      },
      {
        type: 'div',
        children: [{
          type: 'table',
          children: [
            { type: 'tr', children: [{ type: 'th', align: 'center', children: ['h'] }] },
            { type: 'tr', children: [{ type: 'td', align: 'center', children: ['c'] }] },
          ],
        }],
      },
      { type: 'pre', children: [{ type: 'code', children: ['<x>'] }] },
      { type: 'blockquote', children: [{ type: 'p', children: ['q'] }] },
      { type: 'hr', children: [] },
    ]);
  });

  it('keeps unchecked URLs in the tree: deciding what may be a link is the renderer\'s job', () => {
    expect(inlines('[x](javascript:alert(1)) ![y](data:x)')).toEqual([
      { type: 'a', url: 'javascript:alert(1)', children: ['x'] },
      ' ',
      { type: 'a', url: 'data:x', children: ['y'] },
    ]);
  });

  it('makes no link inside a link text', () => {
    expect(inlines('[see https://a.example](https://b.example)')).toEqual([
      { type: 'a', url: 'https://b.example', children: ['see https://a.example'] },
    ]);
  });

  it('accepts any string, including empty and whitespace-only input', () => {
    expect(parseMarkdown('')).toEqual([]);
    expect(parseMarkdown(' \n\t\n')).toEqual([]);
    expect(parseMarkdown('\u0000\ud800')).toEqual([{ type: 'p', children: ['\u0000\ud800'] }]);
  });
});
