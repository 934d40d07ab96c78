/**
 * Real documents built on demand, for the parsers' tests and the parsing benchmark. Uses the
 * dev dependencies pdf-lib and docx: nothing in the running server imports this file.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';

/** A text PDF: one entry per page, each a list of paragraphs (WinAnsi text: Latin only). */
export async function buildTextPdf(pages: string[][], title?: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  if (title) doc.setTitle(title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const size = 11;
  const lineHeight = 14;
  const width = 595 - 2 * 50;
  for (const paragraphs of pages) {
    const page = doc.addPage([595, 842]);
    let y = 842 - 60;
    for (const paragraph of paragraphs) {
      for (const line of wrap(paragraph, (s) => font.widthOfTextAtSize(s, size), width)) {
        if (y < 50) break;
        page.drawText(line, { x: 50, y, size, font });
        y -= lineHeight;
      }
      y -= lineHeight; // a blank line between paragraphs
    }
  }
  return doc.save();
}

/** A PDF whose only page holds a drawn rectangle: what a scan looks like to a text extractor. */
export async function buildImageOnlyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawRectangle({ x: 50, y: 400, width: 300, height: 200, color: rgb(0.2, 0.3, 0.8) });
  return doc.save();
}

/**
 * A PDF with an /Encrypt dictionary in its trailer whose user-password check fails for the empty
 * password (pdf-lib cannot encrypt): readers ask for a password.
 */
export function buildEncryptedPdf(): Uint8Array {
  const hex = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, '0')).join('');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    '<< /Length 0 >>\nstream\n\nendstream',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(32, 1)}> /U <${hex(32, 2)}> /P -4 >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<${hex(16, 3)}> <${hex(16, 3)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

export type DocxPart = { heading: string; level?: 1 | 2 | 3 } | { paragraph: string } | { bullet: string } | { table: string[][] };

/** A Word document from headings, paragraphs, bullets and tables. */
export async function buildDocx(parts: DocxPart[]): Promise<Uint8Array> {
  const levels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
  const children = parts.map((part) => {
    if ('heading' in part) return new Paragraph({ text: part.heading, heading: levels[part.level ?? 1] });
    if ('paragraph' in part) return new Paragraph({ children: [new TextRun(part.paragraph)], alignment: AlignmentType.LEFT });
    if ('bullet' in part) return new Paragraph({ text: part.bullet, bullet: { level: 0 } });
    return new Table({ rows: part.table.map((cells) => new TableRow({ children: cells.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) })) });
  });
  const buffer = await Packer.toBuffer(new Document({ sections: [{ children }] }));
  return new Uint8Array(buffer);
}

function wrap(text: string, width: (s: string) => number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && width(next) > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
