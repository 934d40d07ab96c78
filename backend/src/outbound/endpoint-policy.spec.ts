import { REFUSED, refusalForAddress, refusalForOwnerEndpoint, refusalForUrl } from './endpoint-policy';

const strict = { allowPrivate: false };
const open = { allowPrivate: true };

describe('refusalForOwnerEndpoint (save time)', () => {
  it.each([
    ['https://my-resource.openai.azure.com', undefined],
    ['https://api.deepseek.com/v1', undefined],
    ['https://20.42.0.1', undefined],
    ['http://my-resource.openai.azure.com', REFUSED.scheme],
    ['http://127.0.0.1:9', REFUSED.scheme],
    ['http://127.0.0.1.nip.io', REFUSED.scheme],
    ['ftp://example.com', REFUSED.scheme],
    ['https://127.0.0.1', REFUSED.private],
    ['https://10.0.0.5', REFUSED.private],
    ['https://[::1]:8443', REFUSED.private],
    ['https://[::ffff:127.0.0.1]', REFUSED.private],
    ['https://0x7f.1', REFUSED.private], // the URL parser makes it 127.0.0.1
    ['https://2130706433', REFUSED.private],
    ['https://169.254.169.254', REFUSED.metadata],
    ['https://[fd00:ec2::254]', REFUSED.metadata],
    ['https://metadata.google.internal', REFUSED.metadata],
    ['https://METADATA.google.internal.', REFUSED.metadata],
    ['https://localhost:8443', REFUSED.privateName],
    ['https://api.localhost', REFUSED.privateName],
    ['https://models.corp.internal', REFUSED.privateName],
    ['https://gpu-box', REFUSED.privateName],
    ['https://127.0.0.1.nip.io', REFUSED.privateName],
    ['https://10-0-0-5.sslip.io', REFUSED.privateName],
    ['https://169.254.169.254.nip.io', REFUSED.metadata],
  ])('%s → %s', (url, refusal) => expect(refusalForOwnerEndpoint(url, strict)).toBe(refusal));

  it.each([
    ['http://127.0.0.1:9', undefined],
    ['http://localhost:11434', undefined],
    ['http://[::1]:8080', undefined],
    ['http://10.0.0.5:8000', undefined],
    ['http://gpu-box:8000', undefined],
    ['https://localhost:8443', undefined],
    ['https://10.0.0.5', undefined],
    ['http://my-resource.openai.azure.com', REFUSED.plainHttpPublic],
    ['http://20.42.0.1', REFUSED.plainHttpPublic],
    // Metadata services hand out the machine's credentials: refused even then.
    ['https://169.254.169.254', REFUSED.metadata],
    ['http://metadata.google.internal', REFUSED.metadata],
  ])('with ALLOW_PRIVATE_ENDPOINTS: %s → %s', (url, refusal) => expect(refusalForOwnerEndpoint(url, open)).toBe(refusal));
});

describe('refusalForUrl / refusalForAddress (connect time)', () => {
  it('leaves names to the resolver', () => {
    expect(refusalForUrl(new URL('https://localhost'), strict)).toBeUndefined();
    expect(refusalForUrl(new URL('https://127.0.0.1'), strict)).toBe(REFUSED.private);
  });

  it('keeps plain http on private networks even when allowed', () => {
    expect(refusalForAddress('10.0.0.5', 'http:', open)).toBeUndefined();
    expect(refusalForAddress('8.8.8.8', 'http:', open)).toBe(REFUSED.plainHttpPublic);
    expect(refusalForAddress('8.8.8.8', 'https:', strict)).toBeUndefined();
    expect(refusalForAddress('::1', 'https:', strict)).toBe(REFUSED.private);
  });
});
