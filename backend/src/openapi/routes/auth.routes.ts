import { SESSION_COOKIE } from '../../auth/auth-user';
import { userAnswerSchema } from '../response-schemas';
import { json, RouteDescription } from '../route-description';

export const authRoutes: Record<string, RouteDescription> = {
  'POST /api/auth/login': {
    tag: 'auth',
    summary: 'Sign in',
    description: `Sets the \`${SESSION_COOKIE}\` session cookie (httpOnly, SameSite=Strict). Attempts are limited per address and email, and per address across emails.`,
    success: { description: 'Signed in', content: json(userAnswerSchema) },
    errors: { 401: 'Wrong email or password', 429: 'Too many attempts; wait a minute' },
  },
  'POST /api/auth/logout': {
    tag: 'auth',
    summary: 'Sign out',
    description: 'Ends the session, if any, and clears the cookie.',
    success: { description: 'Signed out' },
  },
  'GET /api/auth/me': {
    tag: 'auth',
    summary: 'The signed-in user',
    success: { description: 'The user', content: json(userAnswerSchema) },
  },
  'POST /api/auth/password': {
    tag: 'auth',
    summary: "Change one's own password",
    description: 'Other sessions of the user end; this one stays. Attempts are limited per user and per address.',
    success: { description: 'Changed' },
    errors: { 429: 'Too many attempts; wait (Retry-After)' },
  },
};
