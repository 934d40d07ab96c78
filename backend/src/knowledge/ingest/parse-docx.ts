import { parseHTML } from 'linkedom';
import mammoth from 'mammoth';
import { blocksFromHtml } from './html-blocks';
import { IngestError, type ParsedDocument } from './ingest.types';

/** A Word document (.docx) through mammoth's HTML, walked like a web page (without readability). */
export async function parseDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new IngestError('unreadable', `The Word document could not be read (${reason}); it may be damaged. Open it in Word, save it again as .docx and upload it again.`);
  }
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = blocksFromHtml(document.body);
  const heading = blocks.find((b) => b.kind === 'heading');
  return { title: heading?.kind === 'heading' ? heading.text : undefined, blocks, pages: 1 };
}
