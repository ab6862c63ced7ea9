/** Session and account hooks: who is signed in, login/logout, password, TOTP. */
import type { LoginRequest, Me } from '@yiyang/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '@/lib/api';

export const meQueryKey = ['auth', 'me'] as const;
export const LOGIN_PATH = '/login';
/** Query parameter telling the login page that the user has just logged out. */
export const LOGGED_OUT_PARAM = 'logged_out';

/** The signed-in user, or null when there is no live session (401). */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await api.get<Me>('/auth/me', undefined, signal);
      } catch (e) {
        if (isApiError(e) && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** Drop every cached answer except the session itself (another user may sign in next). */
function forgetUserData(qc: ReturnType<typeof useQueryClient>) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => api.post<{ user: Me }>('/auth/login', body),
    meta: { handlesErrors: true },
    onSuccess: ({ user }) => {
      // Nothing cached for a previous user may survive into this session.
      forgetUserData(qc);
      qc.setQueryData(meQueryKey, user);
    },
  });
}

/**
 * Ends the session, then reloads the app on the login page: nothing of this user (cache, form
 * state, the page they were on) survives for whoever uses the browser next.
 */
export function useLogout() {
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout'),
    meta: { handlesErrors: true },
    onSettled: () => {
      window.location.replace(`${LOGIN_PATH}?${LOGGED_OUT_PARAM}=1`);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) => api.post<Me>('/auth/password', body),
    meta: { handlesErrors: true },
    onSuccess: (me) => qc.setQueryData(meQueryKey, me),
  });
}

export function useTotpSetup() {
  return useMutation({
    mutationFn: () => api.post<{ secret: string; otpauth_url: string }>('/auth/totp/setup'),
  });
}

export function useTotpEnable() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<Me>('/auth/totp/enable', { code }),
    meta: { handlesErrors: true },
    onSuccess: (me) => qc.setQueryData(meQueryKey, me),
  });
}

export function useTotpDisable() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => api.post<Me>('/auth/totp/disable', { password }),
    meta: { handlesErrors: true },
    onSuccess: (me) => qc.setQueryData(meQueryKey, me),
  });
}
