import { parseFaq, parsePastedText } from './parse-text';

describe('parsePastedText', () => {
  it('reads pasted text as Markdown under the given title', () => {
    const doc = parsePastedText('  Hours ', '# 营业时间\n\n每天开放。\n\n- Mon 9-17');
    expect(doc.title).toBe('Hours');
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: '营业时间' },
      { kind: 'paragraph', text: '每天开放。' },
      { kind: 'list-item', text: 'Mon 9-17' },
    ]);
  });

  it('takes the first heading as title when none is given, and refuses empty text', () => {
    expect(parsePastedText('', '# Prices\n\ntext').title).toBe('Prices');
    expect(() => parsePastedText('x', '  \n ')).toThrow(expect.objectContaining({ reason: 'empty' }));
  });
});

describe('parseFaq', () => {
  it('gives one qa block per complete pair', () => {
    const doc = parseFaq('FAQ', [
      { question: ' 几点开门？ ', answer: '早上九点。' },
      { question: 'Parking?', answer: '' },
      { question: 'Parking?', answer: 'Free, behind the building.' },
    ]);
    expect(doc.blocks).toEqual([
      { kind: 'qa', question: '几点开门？', answer: '早上九点。' },
      { kind: 'qa', question: 'Parking?', answer: 'Free, behind the building.' },
    ]);
    expect(() => parseFaq('FAQ', [{ question: 'q', answer: ' ' }])).toThrow(expect.objectContaining({ reason: 'empty' }));
  });
});
