import { isOriginAllowed } from './origin';

describe('isOriginAllowed', () => {
  const allowed = ['https://clinic.example', 'http://localhost:3000'];

  it.each([
    ['https://clinic.example', true],
    ['https://clinic.example:443', true],
    ['http://localhost:3000', true],
    ['http://clinic.example', false],
    ['https://evil.clinic.example', false],
    ['https://clinic.example.evil.com', false],
    ['http://localhost:3001', false],
    ['null', false],
    [undefined, false],
  ])('%s → %s', (origin, expected) => {
    expect(isOriginAllowed(origin, allowed)).toBe(expected);
  });

  it('allows any origin, even none, only with *', () => {
    expect(isOriginAllowed('https://anything.example', ['*'])).toBe(true);
    expect(isOriginAllowed(undefined, ['*'])).toBe(true);
  });
});
