import { examples, normalise, treeHtml } from './commonmark-helpers';
import { parseMarkdown } from './parse';

/** Sections the renderer leaves out on purpose, and why. */
const LEFT_OUT: Record<string, string> = {
  'HTML blocks': 'raw HTML is never interpreted: a reply shows it as typed (only <br> becomes a line break)',
  'Raw HTML': 'raw HTML is never interpreted: a reply shows it as typed (only <br> becomes a line break)',
  'Entity and numeric character references': 'entities are not decoded: models write the characters themselves, and an entity shows as typed',
};

const HTML = 'raw HTML stays text';
const BARE = 'bare URLs become links (GFM), also inside <…> that is not an autolink';

/** Examples of supported sections that render differently on purpose, and why. */
const DIFFERENT: Record<number, string> = {
  6: 'a tab after > or a list marker is not split into columns for an indented code block',
  7: 'a tab after > or a list marker is not split into columns for an indented code block',
  21: HTML,
  93: 'a lazy line in a quote ends the quote\'s paragraph before a setext underline is seen',
  201: HTML,
  236: 'a lazy line after indented code in a quote stays in the quote',
  297: 'a bullet indented two spaces under a number nests, as models write it (the spec wants 3)',
  308: HTML,
  309: HTML,
  318: 'blank lines at the end of a fenced block inside a list item are dropped',
  336: 'lines are trimmed before inlines are parsed, so a code span loses a space before a line end',
  344: HTML,
  475: HTML,
  476: HTML,
  477: HTML,
  491: HTML,
  494: HTML,
  496: 'a link destination holds one level of nested parentheses, not two',
  503: 'entities are not decoded',
  507: 'a no-break space separates a link destination from a title',
  524: HTML,
  536: HTML,
  602: BARE,
  608: BARE,
  611: BARE,
  642: HTML,
  643: HTML,
};

const supported = examples.filter((example) => !(example.section in LEFT_OUT));
const render = (markdown: string) => normalise(treeHtml(parseMarkdown(markdown)));

describe('CommonMark spec examples', () => {
  it('reads the spec from the commonmark-spec package', () => {
    expect(examples.length).toBeGreaterThan(600);
    expect(Object.keys(LEFT_OUT).every((section) => examples.some((example) => example.section == section))).toBe(true);
    expect(Object.keys(DIFFERENT).map(Number).every((n) => supported.some((example) => example.number == n))).toBe(true);
  });

  it('passes at least 90% of the examples of every supported section', () => {
    const passing = supported.filter((example) => render(example.markdown) == normalise(example.html));
    expect(passing.length / supported.length).toBeGreaterThanOrEqual(0.9);
    expect(supported.length - passing.length).toBe(Object.keys(DIFFERENT).length);
  });

  describe.each([...new Set(supported.map((example) => example.section))])('%s', (section) => {
    it.each(supported.filter((example) => example.section == section).map((example) => [example.number, example] as const))(
      'example %i',
      (number, example) => {
        if (DIFFERENT[number]) expect(render(example.markdown)).not.toBe(normalise(example.html));
        else expect(render(example.markdown)).toBe(normalise(example.html));
      },
    );
  });
});
