import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, onUnauthorized } from '../api/client';
import { auth } from '../api/endpoints';
import type { Me, Role } from '../api/types';

interface AuthState {
  me: Me | null;
  /** True until the first GET /me has answered. */
  checking: boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
  /** Reads /me again (after one's own password change). */
  refresh: () => Promise<void>;
}

/** A citizen in training only: no project role yet (the academy is their home, tokens are not for them). */
export function isTraineeOnly(me: Me | null): boolean {
  return !!me && me.roles.length > 0 && me.roles.every((r) => r === 'TRAINEE');
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);

  useEffect(() => {
    let live = true;
    auth
      .me()
      .then((m) => live && setMe(m))
      .catch(() => live && setMe(null))
      .finally(() => live && setChecking(false));
    const off = onUnauthorized(() => setMe(null));
    return () => {
      live = false;
      off();
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    await auth.login(username, password);
    // The login answer is a Me too, but /me is the one truth about the new session.
    const m = await auth.me();
    setMe(m);
    return m;
  }, []);

  const logout = useCallback(async () => {
    try {
      await auth.logout();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    } finally {
      setMe(null);
    }
  }, []);

  const refresh = useCallback(async () => {
    setMe(await auth.me());
  }, []);

  const value = useMemo<AuthState>(
    () => ({ me, checking, login, logout, refresh, hasRole: (...roles) => !!me && roles.some((r) => me.roles.includes(r)) }),
    [me, checking, login, logout, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
