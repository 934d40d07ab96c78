import { IngestError, type ParsedDocument, type UploadedFile } from './ingest.types';
import { parseDocx } from './parse-docx';
import { parseHtml } from './parse-html';
import { parseMarkdown } from './parse-markdown';
import { parsePdf } from './parse-pdf';
import { parsePlainText } from './parse-plain-text';
import { formatBytes } from './text-normalize';

export type FileKind = 'markdown' | 'text' | 'html' | 'pdf' | 'docx';

export const SUPPORTED_TYPES = 'PDF, Word (.docx), HTML, Markdown (.md) and plain text (.txt)';

const BY_EXTENSION: Record<string, FileKind> = { md: 'markdown', markdown: 'markdown', txt: 'text', text: 'text', html: 'html', htm: 'html', pdf: 'pdf', docx: 'docx' };
const BY_MIME: Record<string, FileKind> = {
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

/**
 * An uploaded file as a document. The type comes from the bytes (PDF, zip) and the extension,
 * the browser's MIME type only when the name says nothing; failures are IngestErrors whose
 * message the owner can act on.
 */
export async function parseFile(file: UploadedFile, opts: { maxBytes: number }): Promise<ParsedDocument> {
  const { bytes } = file;
  if (bytes.length === 0) throw new IngestError('empty', `"${file.filename}" is empty (0 bytes); upload a file with text in it.`);
  if (bytes.length > opts.maxBytes) {
    throw new IngestError('too_large', `The file is ${formatBytes(bytes.length)}; the limit is ${formatBytes(opts.maxBytes)}. Split it into smaller files or remove images from it.`);
  }
  const kind = detectKind(file);
  const doc = await parseAs(kind, bytes);
  if (!doc.blocks.some((b) => (b.kind === 'qa' ? b.question + b.answer : b.text).trim())) {
    throw new IngestError('empty', `No text was found in "${file.filename}"; upload a file with text in it, or paste the text.`);
  }
  return doc;
}

/** What the file is; unsupported files are refused here. */
export function detectKind(file: UploadedFile): FileKind {
  const { bytes } = file;
  const extension = /\.([a-z0-9]+)$/i.exec(file.filename.trim())?.[1]?.toLowerCase() ?? '';
  const claimed = BY_EXTENSION[extension] ?? (extension ? undefined : BY_MIME[file.mimeType?.split(';')[0].trim().toLowerCase() ?? '']);
  if (isPdf(bytes)) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (claimed === 'docx') return 'docx';
    throw unsupported(file.filename, extension);
  }
  if (claimed === 'pdf') throw new IngestError('unreadable', `"${file.filename}" is named .pdf but is not a PDF; export it again as a PDF and upload that.`);
  if (claimed === 'docx') throw new IngestError('unreadable', `"${file.filename}" is named .docx but is not a Word document; save it again as .docx in Word and upload that.`);
  if (!claimed || looksBinary(bytes)) throw unsupported(file.filename, extension);
  return claimed;
}

async function parseAs(kind: FileKind, bytes: Uint8Array): Promise<ParsedDocument> {
  switch (kind) {
    case 'pdf':
      return parsePdf(bytes);
    case 'docx':
      return parseDocx(bytes);
    case 'html':
      return parseHtml(decodeText(bytes));
    case 'markdown':
      return parseMarkdown(decodeText(bytes));
    case 'text':
      return parsePlainText(decodeText(bytes));
  }
}

/** Text bytes as a string: UTF-16 by its byte-order mark, else UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

function unsupported(filename: string, extension: string): IngestError {
  const what = extension ? `.${extension} files` : `"${filename}"`;
  return new IngestError('unsupported_type', `${what} cannot be indexed; upload ${SUPPORTED_TYPES}.`);
}

/** "%PDF-" within the first 1024 bytes, as readers accept it. */
function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  return head.indexOf('%PDF-') !== -1;
}

/** Control bytes (NUL and friends) in the head: an image, an executable, an archive. UTF-16 text has a BOM. */
function looksBinary(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
  const head = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > head.length * 0.02;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}
