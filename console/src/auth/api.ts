import { api } from '../api/client';
import type { User } from '../api/types';

export const fetchMe = (signal?: AbortSignal) =>
  api<{ user: User }>('GET', '/api/auth/me', { signal, expectUnauthorized: true }).then((r) => r.user);

export const signIn = (email: string, password: string) =>
  api<{ user: User }>('POST', '/api/auth/login', { body: { email, password }, expectUnauthorized: true }).then((r) => r.user);

export const signOut = () => api<void>('POST', '/api/auth/logout');

export const changePassword = (current: string, next: string) =>
  api<void>('POST', '/api/auth/password', { body: { current, next } });
