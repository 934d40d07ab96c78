import { IngestError, type ParsedDocument } from './ingest.types';
import { parseFile } from './parse-file';
import { buildDocx, buildEncryptedPdf, buildImageOnlyPdf, buildTextPdf } from './test-documents';

const MB = 1024 * 1024;
const utf8 = (s: string) => new TextEncoder().encode(s);
const parse = (filename: string, bytes: Uint8Array, mimeType?: string) => parseFile({ filename, bytes, mimeType }, { maxBytes: 10 * MB });
const failure = (promise: Promise<ParsedDocument>) => promise.then(() => undefined, (e: unknown) => e as IngestError);
const texts = (doc: ParsedDocument) => doc.blocks.map((b) => (b.kind === 'qa' ? b.question : b.text));

describe('parseFile', () => {
  it('reads Markdown by its extension', async () => {
    const doc = await parse('guide.md', utf8('# 指南\n\n周一到周五开放。\n\n## Hours\n\n- 9 to 5'));
    expect(doc.title).toBe('指南');
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: '指南' },
      { kind: 'paragraph', text: '周一到周五开放。' },
      { kind: 'heading', level: 2, text: 'Hours' },
      { kind: 'list-item', text: '9 to 5' },
    ]);
  });

  it('reads plain text as paragraphs, UTF-8 with a BOM and UTF-16 too', async () => {
    const doc = await parse('notes.txt', utf8('\uFEFFFirst line\nsame paragraph.\n\n第二段。'));
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'First line same paragraph.' },
      { kind: 'paragraph', text: '第二段。' },
    ]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from('你好 world', 'utf16le'))]);
    expect(texts(await parse('notes.txt', utf16))).toEqual(['你好 world']);
  });

  it('reads HTML by its extension', async () => {
    const doc = await parse('page.htm', utf8('<html><head><title>Hours</title></head><body><h1>营业时间</h1><p>Open daily.</p></body></html>'));
    expect(doc.title).toBe('Hours');
    expect(texts(doc)).toEqual(['营业时间', 'Open daily.']);
  });

  it('reads a PDF by its bytes, whatever its name', async () => {
    const bytes = await buildTextPdf([['Page one text.'], ['Page two text.']]);
    const doc = await parse('scan.bin', bytes);
    expect(doc.pages).toBe(2);
    expect(texts(doc)).toEqual(['Page one text.', 'Page two text.']);
  });

  it('reads a DOCX by its zip bytes and extension', async () => {
    const bytes = await buildDocx([{ heading: 'FAQ' }, { paragraph: 'Ask us anything.' }, { bullet: 'Item' }, { table: [['A', 'B']] }]);
    expect(texts(await parse('faq.docx', bytes))).toEqual(['FAQ', 'Ask us anything.', 'Item', 'A | B']);
  });

  it('uses the MIME type when the name has no extension', async () => {
    expect(texts(await parse('notes', utf8('# Title\n\ntext'), 'text/markdown'))).toEqual(['Title', 'text']);
  });

  it('refuses an empty file, and whitespace, as empty', async () => {
    expect(await failure(parse('a.txt', new Uint8Array()))).toMatchObject({ reason: 'empty', message: expect.stringContaining('0 bytes') });
    expect(await failure(parse('a.md', utf8(' \n\n\t ')))).toMatchObject({ reason: 'empty', message: expect.stringContaining('No text was found') });
    expect(await failure(parse('a.html', utf8('<html><body><script>x()</script></body></html>')))).toMatchObject({ reason: 'empty' });
  });

  it('refuses a file over the limit, naming its size and the limit', async () => {
    const error = await failure(parseFile({ filename: 'big.txt', bytes: new Uint8Array(Math.round(12.3 * MB)).fill(65) }, { maxBytes: 10 * MB }));
    expect(error).toMatchObject({ reason: 'too_large' });
    expect(error?.message).toContain('The file is 12.3 MB; the limit is 10 MB.');
  });

  it('refuses executables, images and other zips as unsupported, naming the supported types', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    for (const [name, bytes] of [
      ['setup.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])],
      ['photo.png', png],
      ['photo.txt', png],
      ['sheet.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])],
    ] as const) {
      const error = await failure(parse(name, bytes));
      expect(error).toMatchObject({ reason: 'unsupported_type', message: expect.stringContaining('PDF, Word (.docx), HTML, Markdown (.md) and plain text (.txt)') });
    }
  });

  it('refuses damaged, mislabelled, encrypted and scanned documents', async () => {
    expect(await failure(parse('a.pdf', utf8('hello')))).toMatchObject({ reason: 'unreadable' });
    expect(await failure(parse('a.docx', utf8('hello')))).toMatchObject({ reason: 'unreadable' });
    expect(await failure(parse('a.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).toMatchObject({ reason: 'unreadable' });
    expect(await failure(parse('a.pdf', utf8('%PDF-1.7\ngarbage')))).toMatchObject({ reason: 'unreadable' });
    expect(await failure(parse('a.pdf', buildEncryptedPdf()))).toMatchObject({ reason: 'encrypted' });
    expect(await failure(parse('a.pdf', await buildImageOnlyPdf()))).toMatchObject({
      reason: 'image_only',
      message: 'No text found: it looks scanned; upload a text PDF or paste the text.',
    });
  });
});
