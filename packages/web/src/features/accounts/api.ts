import type { AccountHolder, AccountStatement, ProviderSettlement } from '@yiyang/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type ListResponse } from '@/lib/api';

/** People with a service account in the user's scope (ID numbers masked by the server). */
export function useAccountHolders(q: { q?: string | undefined; page: number; page_size: number }) {
  return useQuery({ queryKey: ['accounts', 'holders', q], queryFn: ({ signal }) => api.get<ListResponse<AccountHolder>>('/accounts/persons', q, signal), placeholderData: keepPreviousData });
}
export function useStatement(personId: string | null, programme?: string) {
  return useQuery({
    queryKey: ['accounts', 'statement', personId, programme ?? null],
    enabled: !!personId,
    queryFn: ({ signal }) => api.get<AccountStatement>(`/accounts/persons/${personId}/statement`, programme ? { programme } : undefined, signal),
  });
}
export function useSettlement(orgId: string | null, month: string) {
  return useQuery({
    queryKey: ['accounts', 'settlement', orgId, month],
    enabled: !!orgId && /^\d{4}-(0[1-9]|1[0-2])$/.test(month),
    queryFn: ({ signal }) => api.get<ProviderSettlement>(`/accounts/providers/${orgId}/settlement`, { month }, signal),
  });
}
