import { decodeCursor, encodeCursor } from './conversation-cursor';

describe('conversation cursor', () => {
  const cursor = { at: '2026-11-24T03:15:21.123456Z', id: '0b5e4c3a-8a43-4a5c-9a3e-1f2d3c4b5a69' };

  it('round-trips, keeping microseconds, as an opaque url-safe token', () => {
    const token = encodeCursor(cursor);
    expect(token).toMatch(/^[\w-]+$/);
    expect(decodeCursor(token)).toEqual(cursor);
  });

  it('refuses anything it did not hand out', () => {
    const bad = [
      '',
      'not base64!',
      Buffer.from('2026-11-24T03:15:21.123Z|' + cursor.id).toString('base64url'),
      Buffer.from(cursor.at + '|not-a-uuid').toString('base64url'),
      Buffer.from(`${cursor.at}|${cursor.id}|x`).toString('base64url'),
      Buffer.from('2026-13-45T03:15:21.123456Z|' + cursor.id).toString('base64url'),
      'a'.repeat(201),
    ];
    for (const value of bad) expect(decodeCursor(value)).toBeNull();
  });
});
