/**
 * Server state cache with the app-wide error policy: a 401 ends the session in the UI (the guard
 * sends the user to /login), PASSWORD_CHANGE_REQUIRED / MFA_ENROLLMENT_REQUIRED reload the session
 * (the guard sends the user to that page), and any other failure is shown as a message — by code,
 * else the server's Chinese text — unless the component shows it itself (`meta.handlesErrors`).
 */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { meQueryKey } from '@/features/auth/api';
import { isApiError } from '@/lib/api';
import { showError } from '@/ui/feedback';

const STAGE_CODES = new Set(['PASSWORD_CHANGE_REQUIRED', 'MFA_ENROLLMENT_REQUIRED']);

export function createQueryClient(): QueryClient {
  let qc: QueryClient;

  /** True when the error was about the session and has been handled. */
  function handleSessionError(err: unknown): boolean {
    if (!isApiError(err)) return false;
    if (err.status === 401 && !err.code.startsWith('AUTH_')) {
      if (qc.getQueryData(meQueryKey)) {
        qc.setQueryData(meQueryKey, null);
        showError(err);
      }
      return true;
    }
    if (err.status === 403 && STAGE_CODES.has(err.code)) {
      void qc.invalidateQueries({ queryKey: meQueryKey });
      return true;
    }
    return false;
  }

  qc = new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => {
        if (handleSessionError(err)) return;
        if (query.queryKey[0] === meQueryKey[0]) return; // the guard shows it
        showError(err);
      },
    }),
    mutationCache: new MutationCache({
      onError: (err, _vars, _ctx, mutation) => {
        if (handleSessionError(err)) return;
        if (mutation.meta?.handlesErrors) return;
        showError(err);
      },
    }),
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        retry: (count, err) => {
          // Client errors will not improve by retrying; network and server errors get one more try.
          if (isApiError(err) && err.status >= 400 && err.status < 500) return false;
          return count < 1;
        },
      },
    },
  });
  return qc;
}
