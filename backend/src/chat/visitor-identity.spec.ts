import { createHmac } from 'node:crypto';
import { identityHash, identityHashMatches, parseIdentity } from './visitor-identity';

const SECRET = 'a'.repeat(64);
const HASH = createHmac('sha256', SECRET).update('u-42').digest('hex');

describe('identity hash', () => {
  it('is the hex HMAC-SHA256 of the id, keyed with the secret as shown', () => {
    expect(identityHash(SECRET, 'u-42')).toBe(HASH);
    expect(identityHash(SECRET, '用户-42')).toBe(createHmac('sha256', SECRET).update(Buffer.from('用户-42', 'utf8')).digest('hex'));
  });

  it('verifies the right hash, and upper-case hex as well', () => {
    expect(identityHashMatches(SECRET, 'u-42', HASH)).toBe(true);
    expect(identityHashMatches(SECRET, 'u-42', HASH.toUpperCase())).toBe(true);
  });

  it('refuses a hash of another id, or made with another secret', () => {
    expect(identityHashMatches(SECRET, 'u-43', HASH)).toBe(false);
    expect(identityHashMatches('b'.repeat(64), 'u-42', HASH)).toBe(false);
    const flipped = HASH.slice(0, -1) + (HASH.endsWith('0') ? '1' : '0');
    expect(identityHashMatches(SECRET, 'u-42', flipped)).toBe(false);
  });

  it.each([
    ['too short', HASH.slice(0, 62)],
    ['too long', HASH + '00'],
    ['odd length', HASH.slice(0, 63)],
    ['not hex', 'z'.repeat(64)],
    ['hex with a space', ` ${HASH.slice(1)}`],
    ['empty', ''],
    ['base64 of the digest', createHmac('sha256', SECRET).update('u-42').digest('base64')],
  ])('refuses a hash that is %s, without throwing', (_, hash) => {
    expect(identityHashMatches(SECRET, 'u-42', hash)).toBe(false);
  });
});

describe('identity payload', () => {
  it('takes a well-formed identity, each field but the id optional', () => {
    expect(parseIdentity({ id: 'u-42', name: 'Ann', email: 'ann@example.com', hash: HASH })).toEqual({ id: 'u-42', name: 'Ann', email: 'ann@example.com', hash: HASH });
    expect(parseIdentity({ id: 'u-42' })).toEqual({ id: 'u-42' });
    expect(parseIdentity({ id: 'x'.repeat(200), name: 'n'.repeat(200), email: `${'e'.repeat(300)}@example.com` })).toMatchObject({ id: 'x'.repeat(200) });
  });

  it('reads null and empty optional fields as absent, and ignores unknown keys', () => {
    expect(parseIdentity({ id: 'u-42', name: null, email: '', hash: undefined, avatar: 'https://x' })).toEqual({ id: 'u-42' });
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', 'u-42'],
    ['an array', [{ id: 'u-42' }]],
    ['no id', { name: 'Ann' }],
    ['an empty id', { id: '' }],
    ['a numeric id', { id: 42 }],
    ['an id over 200 characters', { id: 'x'.repeat(201) }],
    ['an id with a NUL', { id: 'u\u000042' }],
    ['a name over 200 characters', { id: 'u', name: 'n'.repeat(201) }],
    ['a name that is not text', { id: 'u', name: { first: 'Ann' } }],
    ['an email without @', { id: 'u', email: 'ann.example.com' }],
    ['an email with spaces', { id: 'u', email: 'ann @example.com' }],
    ['an email over 320 characters', { id: 'u', email: `${'e'.repeat(320)}@x.io` }],
    ['a short hash', { id: 'u', hash: 'abc' }],
    ['a numeric hash', { id: 'u', hash: 123 }],
    ['an inherited id', Object.create({ id: 'u-42' })],
  ])('treats %s as no identity', (_, raw) => {
    expect(parseIdentity(raw)).toBeNull();
  });

  it('is not fooled by __proto__', () => {
    const raw = JSON.parse(`{"id":"u-42","__proto__":{"hash":"${HASH}","polluted":true}}`);
    expect(parseIdentity(raw)).toEqual({ id: 'u-42' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
