import { getDocumentProxy } from 'unpdf';
import { type Block, IngestError, type ParsedDocument } from './ingest.types';
import { joinLines } from './text-normalize';

interface Line {
  text: string;
  /** Baseline y of the line (PDF units, growing upwards). */
  y: number;
  height: number;
}

type PdfProxy = Awaited<ReturnType<typeof getDocumentProxy>>;

/** A PDF's text, page by page, as paragraphs. Encrypted and image-only PDFs are refused. */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedDocument> {
  let pdf: PdfProxy;
  try {
    // pdf.js may transfer (detach) the buffer it is given: it gets a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, stopAtErrors: false });
  } catch (error) {
    throw openError(error);
  }
  try {
    const blocks: Block[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const lines = await pageLines(pdf, n);
      for (const paragraph of paragraphs(lines)) blocks.push({ kind: 'paragraph', text: paragraph });
    }
    if (blocks.length === 0 && pdf.numPages > 0) {
      throw new IngestError('image_only', 'No text found: it looks scanned; upload a text PDF or paste the text.');
    }
    return { title: await metadataTitle(pdf), blocks, pages: pdf.numPages };
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError('unreadable', `The PDF could not be read (${describe(error)}); save it again as a PDF and upload it again.`);
  } finally {
    await pdf.destroy().catch(() => {});
  }
}

function openError(error: unknown): IngestError {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'PasswordException') {
    return new IngestError('encrypted', 'The PDF is password-protected; save a copy without the password (or print it to a new PDF) and upload that.');
  }
  return new IngestError('unreadable', `The PDF could not be read (${describe(error)}); it may be damaged. Save it again as a PDF and upload it again.`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function metadataTitle(pdf: PdfProxy): Promise<string | undefined> {
  try {
    const { info } = await pdf.getMetadata();
    const title = (info as { Title?: unknown } | undefined)?.Title;
    return typeof title === 'string' && title.trim() ? title.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** The page's text items grouped into lines (pdf.js marks a line's end with hasEOL). */
async function pageLines(pdf: PdfProxy, n: number): Promise<Line[]> {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  const lines: Line[] = [];
  let text = '';
  let y: number | undefined;
  let height = 0;
  const end = () => {
    lines.push({ text, y: y ?? 0, height });
    text = '';
    y = undefined;
    height = 0;
  };
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const itemY = item.transform[5];
    // A jump in the baseline without an end-of-line mark is a new line too.
    if (y !== undefined && text && Math.abs(itemY - y) > Math.max(item.height, height, 1) * 0.5) end();
    if (item.str) {
      if (y === undefined) y = itemY;
      text += item.str;
      height = Math.max(height, item.height);
    }
    if (item.hasEOL) end();
  }
  if (text) end();
  page.cleanup();
  return lines;
}

/**
 * Lines become paragraphs: an empty line, or a gap clearly wider than the usual line spacing,
 * ends one.
 */
function paragraphs(lines: Line[]): string[] {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].text.trim() && lines[i - 1].text.trim()) gaps.push(Math.abs(lines[i - 1].y - lines[i].y));
  }
  // The usual spacing: the lower quartile, as paragraph gaps are the rarer and wider ones.
  const usual = lowerQuartile(gaps.filter((g) => g > 0));
  const out: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const text = joinLines(current);
    if (text) out.push(text);
    current = [];
  };
  let previous: Line | undefined;
  for (const line of lines) {
    if (!line.text.trim()) {
      flush();
      previous = undefined;
      continue;
    }
    if (previous && usual > 0) {
      const gap = Math.abs(previous.y - line.y);
      if (gap > usual * 1.45 || line.y > previous.y + usual * 0.5) flush();
    }
    current.push(line.text);
    previous = line;
  }
  flush();
  return out;
}

function lowerQuartile(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 4)];
}
