import { IngestError } from './ingest.types';
import { parsePdf } from './parse-pdf';
import { buildEncryptedPdf, buildImageOnlyPdf, buildTextPdf } from './test-documents';

describe('parsePdf', () => {
  it('reads the text of every page, paragraph by paragraph', async () => {
    const bytes = await buildTextPdf(
      [
        ['Opening hours are Monday to Friday, nine to five.', 'We are closed on public holidays. Call ahead to book an appointment with a doctor of your choice; most visits take thirty minutes.'],
        ['Parking is free behind the building.'],
      ],
      'Clinic guide',
    );
    const doc = await parsePdf(bytes);
    expect(doc.pages).toBe(2);
    expect(doc.title).toBe('Clinic guide');
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'Opening hours are Monday to Friday, nine to five.' },
      { kind: 'paragraph', text: 'We are closed on public holidays. Call ahead to book an appointment with a doctor of your choice; most visits take thirty minutes.' },
      { kind: 'paragraph', text: 'Parking is free behind the building.' },
    ]);
  });

  it('refuses a PDF with pages but no text as image_only', async () => {
    const error = await parsePdf(await buildImageOnlyPdf()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ reason: 'image_only', message: expect.stringMatching(/no text found: it looks scanned/i) });
  });

  it('refuses a password-protected PDF as encrypted', async () => {
    const error = await parsePdf(buildEncryptedPdf()).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'encrypted', message: expect.stringMatching(/password/) });
  });

  it('refuses a damaged PDF as unreadable', async () => {
    const bytes = await buildTextPdf([['Some text here.']]);
    const error = await parsePdf(bytes.slice(0, 200)).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'unreadable' });
  });
});
