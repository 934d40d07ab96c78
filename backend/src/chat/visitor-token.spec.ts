import { VisitorTokens } from './visitor-token';

const visitor = '6f1c2b7e-8a43-4b2e-9a57-0c3f1d2e4b5a';
const bot = '0b7d9c1e-2f3a-4b5c-8d6e-7f8091a2b3c4';
const otherBot = '1c8e0d2f-3a4b-4c6d-9e7f-8091a2b3c4d5';

describe('VisitorTokens', () => {
  const sut = new VisitorTokens('x'.repeat(32));

  it('verifies its own token for the same bot', () => {
    expect(sut.verify(sut.sign(visitor, bot), bot)).toBe(visitor);
  });

  it('refuses a token of another bot', () => {
    expect(sut.verify(sut.sign(visitor, bot), otherBot)).toBeNull();
  });

  it('refuses a token signed with another secret', () => {
    expect(new VisitorTokens('y'.repeat(32)).verify(sut.sign(visitor, bot), bot)).toBeNull();
  });

  it('refuses a tampered visitor id', () => {
    const token = sut.sign(visitor, bot).replace(visitor, visitor.replace('6f', '7f'));
    expect(sut.verify(token, bot)).toBeNull();
  });

  it('refuses an expired token', () => {
    const issued = Date.now() - 400 * 24 * 3600 * 1000;
    expect(sut.verify(sut.sign(visitor, bot, issued), bot)).toBeNull();
  });

  it.each([undefined, 42, '', 'v1.a.b', 'a'.repeat(500), { token: 1 }])('treats %p as no token', (token) => {
    expect(sut.verify(token, bot)).toBeNull();
  });
});
