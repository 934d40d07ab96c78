import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { User } from '../api/types';

export interface Session {
  user: User;
  /** Asks the server again (after a password change clears `mustChangePassword`). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in screen');
  return session;
}

/** What the signed-in user may open and change; the server checks the same again. */
export function permissions(user: User) {
  const owner = user.role === 'owner';
  return {
    editBots: owner,
    members: owner,
    tenants: user.isAdmin,
    preview: owner,
  };
}
