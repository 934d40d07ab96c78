import { ApiError } from '../api/errors';
import { getRules, putRules } from './api';

describe('rules api', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  it('PUTs the whole list as JSON with the session cookie', async () => {
    const rules = [{ match: { keywords: ['价格'] }, action: 'answer' as const, answer: '100 元' }];
    const fetch = jest.fn(async () => new Response(JSON.stringify({ rules }), { status: 200 }));
    global.fetch = fetch as typeof global.fetch;
    await expect(putRules('b/1', rules)).resolves.toEqual(rules);
    expect(fetch).toHaveBeenCalledWith('/api/bots/b%2F1/rules', expect.objectContaining({
      method: 'PUT',
      credentials: 'same-origin',
      headers: expect.objectContaining({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ rules }),
    }));
  });

  it('gives the server’s 400 message naming the rule', async () => {
    const body = { statusCode: 400, error: 'Bad Request', message: 'rules.2.match.pattern: invalid pattern: missing )' };
    global.fetch = (async () => new Response(JSON.stringify(body), { status: 400 })) as typeof global.fetch;
    const error = await putRules('b1', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(body.message);
  });

  it('reads the list', async () => {
    global.fetch = (async () => new Response(JSON.stringify({ rules: [] }), { status: 200 })) as typeof global.fetch;
    await expect(getRules('b1')).resolves.toEqual([]);
  });
});
