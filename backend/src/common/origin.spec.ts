import { normaliseOrigin } from './origin';

describe('normaliseOrigin', () => {
  it.each([
    ['https://clinic.example', 'https://clinic.example'],
    ['HTTPS://Clinic.Example', 'https://clinic.example'],
    ['https://clinic.example:443', 'https://clinic.example'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
  ])('%s is the origin %s', (value, origin) => {
    expect(normaliseOrigin(value)).toBe(origin);
  });

  it.each(['https://clinic.example/', 'https://clinic.example/path', 'https://user:pw@clinic.example', 'https://clinic.example?x=1', 'https://clinic.example#top', 'ftp://clinic.example', 'null', '', 'clinic.example', 'javascript:alert(1)'])(
    '%s is not an origin',
    (value) => {
      expect(normaliseOrigin(value)).toBeNull();
    },
  );
});
