import { checkFaq, checkFile, checkText, checkUrl, faqRow, fileForm, formFromContent } from './source-forms';

const pair = (question: string, answer: string) => ({ question, answer });

describe('pasted text', () => {
  it('needs a title and some text; the title is trimmed, the text kept as written', () => {
    expect(checkText(' Opening hours ', '  Mon–Fri\n')).toEqual({ ok: true, body: { title: 'Opening hours', text: '  Mon–Fri\n' } });
    expect(checkText('', ' \n')).toEqual({ ok: false, problems: { title: 'required', text: 'required' } });
    expect(checkText('x'.repeat(201), 'a')).toEqual({ ok: false, problems: { title: 'tooLong' } });
  });
});

describe('FAQ', () => {
  it('sends the complete pairs, trimmed, and drops blank rows', () => {
    expect(checkFaq('FAQ', [pair(' Open on Sunday? ', ' No. '), pair('', ''), pair('Parking?', 'Yes')])).toEqual({
      ok: true,
      body: { title: 'FAQ', faq: [pair('Open on Sunday?', 'No.'), pair('Parking?', 'Yes')] },
    });
  });

  it('names each half-filled row by index', () => {
    const checked = checkFaq('FAQ', [pair('Q1', 'A1'), pair('Q2', ' '), pair('', 'A3')]);
    expect(checked).toEqual({ ok: false, problems: { rows: { 1: { answer: 'missing' }, 2: { question: 'missing' } } } });
  });

  it('needs at least one complete pair and a title', () => {
    expect(checkFaq(' ', [pair('', '')])).toEqual({ ok: false, problems: { title: 'required', pairs: 'none' } });
    expect(checkFaq('FAQ', [])).toEqual({ ok: false, problems: { pairs: 'none' } });
  });

  it('gives every row its own key', () => {
    expect(faqRow().key).not.toBe(faqRow().key);
  });
});

describe('URL', () => {
  it('accepts http(s) addresses, with crawl only when asked', () => {
    expect(checkUrl(' https://example.com/help ', false)).toEqual({ ok: true, body: { url: 'https://example.com/help' } });
    expect(checkUrl('http://example.com', true)).toEqual({ ok: true, body: { url: 'http://example.com', crawl: true } });
  });

  it('refuses the rest', () => {
    expect(checkUrl('', false)).toEqual({ ok: false, problems: { url: 'required' } });
    for (const bad of ['example.com', 'ftp://example.com/x', 'javascript:alert(1)', 'https://']) {
      expect(checkUrl(bad, false)).toEqual({ ok: false, problems: { url: 'url' } });
    }
  });
});

describe('files', () => {
  const limits = { maxFileBytes: 1000 };
  it('takes the server’s types up to its size limit', () => {
    for (const name of ['a.md', 'B.PDF', 'c.docx', 'd.txt', 'e.html', 'f.htm', 'g.markdown']) expect(checkFile({ name, size: 10 }, limits)).toBeNull();
    expect(checkFile({ name: 'a.doc', size: 10 }, limits)).toBe('type');
    expect(checkFile({ name: 'README', size: 10 }, limits)).toBe('type');
    expect(checkFile({ name: 'a.pdf', size: 1001 }, limits)).toBe('tooBig');
    expect(checkFile({ name: 'a.pdf', size: 0 }, limits)).toBe('empty');
  });

  it('builds one multipart body per file, with the title only when given', async () => {
    const form = fileForm(new Blob(['# Hi']), 'hi.md', ' Greeting ');
    expect((form.get('file') as File).name).toBe('hi.md');
    expect(await (form.get('file') as File).text()).toBe('# Hi');
    expect(form.get('title')).toBe('Greeting');
    expect(fileForm(new Blob(['x']), 'x.txt', '  ').has('title')).toBe(false);
  });
});

describe('editing', () => {
  it('loads text and FAQ content into the forms', () => {
    expect(formFromContent('T', { text: 'body' })).toEqual({ kind: 'text', title: 'T', text: 'body' });
    const faq = formFromContent('F', { faq: [pair('Q', 'A')] });
    expect(faq?.kind).toBe('faq');
    expect(faq && faq.kind === 'faq' && faq.rows.map(({ question, answer }) => ({ question, answer }))).toEqual([pair('Q', 'A')]);
    expect(formFromContent('F', { faq: [] })).toMatchObject({ kind: 'faq', rows: [{ question: '', answer: '' }] });
    expect(formFromContent('X', undefined)).toBeNull();
  });
});
