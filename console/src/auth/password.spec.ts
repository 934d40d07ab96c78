import { generatePassword, passwordProblem } from './password';

describe('password change checks', () => {
  it('finds the first problem', () => {
    expect(passwordProblem('', 'long-enough-1', 'long-enough-1')).toBe('current');
    expect(passwordProblem('old', 'short', 'short')).toBe('tooShort');
    expect(passwordProblem('old', 'long-enough-1', 'long-enough-2')).toBe('mismatch');
    expect(passwordProblem('long-enough-1', 'long-enough-1', 'long-enough-1')).toBe('same');
    expect(passwordProblem('old', '十个字的中文密码好长啊', '十个字的中文密码好长啊')).toBeNull();
  });
});

describe('generated first passwords', () => {
  it('are 16 unambiguous characters', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    expect(generatePassword()).not.toBe(password);
  });

  it('skip bytes that would bias the alphabet', () => {
    let calls = 0;
    const random = (n: number) => new Uint8Array(n).fill(calls++ === 0 ? 255 : 0);
    expect(generatePassword(random)).toBe('a'.repeat(16));
  });
});
