import { parseDocx } from './parse-docx';
import { buildDocx } from './test-documents';

describe('parseDocx', () => {
  it('reads headings, paragraphs, a list and a table', async () => {
    const bytes = await buildDocx([
      { heading: '门诊指南' },
      { paragraph: '我们的门诊时间是周一到周五。' },
      { heading: 'What to bring', level: 2 },
      { bullet: 'Your insurance card' },
      { bullet: 'An ID' },
      { table: [['Day', 'Hours'], ['Mon', '9-17']] },
      { paragraph: 'Thank you.' },
    ]);
    const doc = await parseDocx(bytes);
    expect(doc.title).toBe('门诊指南');
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: '门诊指南' },
      { kind: 'paragraph', text: '我们的门诊时间是周一到周五。' },
      { kind: 'heading', level: 2, text: 'What to bring' },
      { kind: 'list-item', text: 'Your insurance card' },
      { kind: 'list-item', text: 'An ID' },
      { kind: 'table-row', text: 'Day | Hours' },
      { kind: 'table-row', text: 'Mon | 9-17' },
      { kind: 'paragraph', text: 'Thank you.' },
    ]);
  });

  it('refuses a damaged document as unreadable', async () => {
    const bytes = await buildDocx([{ paragraph: 'Hello' }]);
    await expect(parseDocx(bytes.slice(0, bytes.length / 2))).rejects.toMatchObject({ reason: 'unreadable' });
  });
});
