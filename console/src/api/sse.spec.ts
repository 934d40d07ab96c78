import { createSseParser } from './sse';

function collect(chunks: string[], end = true): string[] {
  const out: string[] = [];
  const parser = createSseParser((data) => out.push(data));
  for (const chunk of chunks) parser.push(chunk);
  if (end) parser.end();
  return out;
}

describe('SSE parser', () => {
  it('yields the data of each event', () => {
    expect(collect(['data: {"delta":"a"}\n\ndata: {"delta":"b"}\n\n'])).toEqual(['{"delta":"a"}', '{"delta":"b"}']);
  });

  it('copes with chunks cut anywhere, CRLF included', () => {
    const text = 'data: {"delta":"你好"}\r\n\r\ndata: {"end":{"status":"complete","text":"你好"}}\r\n\r\n';
    const chunks = text.split('');
    expect(collect(chunks)).toEqual(['{"delta":"你好"}', '{"end":{"status":"complete","text":"你好"}}']);
  });

  it('skips comments and other fields, joins multi-line data', () => {
    expect(collect([': ping\n\nevent: x\nid: 1\ndata: a\ndata: b\n\n'])).toEqual(['a\nb']);
  });

  it('flushes an unterminated last event at the end', () => {
    expect(collect(['data: last'], false)).toEqual([]);
    expect(collect(['data: last'])).toEqual(['last']);
  });
});

describe('SSE parser line ends', () => {
  it('treats a CRLF split across chunks as one line end', () => {
    expect(collect(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual(['a\nb']);
  });
});
