import { ApiError, errorFromBody, fieldErrors } from './errors';

describe('API errors', () => {
  it('reads the error body, joining a list of messages', () => {
    const one = errorFromBody(404, { statusCode: 404, error: 'Not Found', message: 'no bot x' });
    expect(one).toBeInstanceOf(ApiError);
    expect(one).toMatchObject({ status: 404, error: 'Not Found', message: 'no bot x' });
    expect(errorFromBody(400, { message: ['a', 'b'] }).message).toBe('a; b');
    expect(errorFromBody(502, 'not json').message).toBe('');
    expect(errorFromBody(500, { error: 'Internal Server Error' }).message).toBe('Internal Server Error');
  });

  it('splits 400 messages by field', () => {
    expect(fieldErrors('email: Invalid email address; password: Too small')).toEqual({
      email: 'Invalid email address',
      password: 'Too small',
    });
    expect(fieldErrors('settings.temperature: must be at most 2')).toEqual({ settings: 'settings.temperature: must be at most 2' });
    expect(fieldErrors('Email already in use')).toEqual({ '': 'Email already in use' });
    expect(fieldErrors('allowedOrigins.0: bad; allowedOrigins.2: bad')).toEqual({ allowedOrigins: 'allowedOrigins.0: bad; allowedOrigins.2: bad' });
  });
});
