import type { CycleDetail, CycleReview, CycleSummary, PaymentLine, ReturnImportResult } from '@yiyang/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, type ListResponse } from '@/lib/api';

export function useCycles(q: { programme?: string | undefined; page: number; page_size: number }) {
  return useQuery({ queryKey: ['payroll', 'cycles', q], queryFn: ({ signal }) => api.get<ListResponse<CycleDetail>>('/payroll/cycles', q, signal), placeholderData: keepPreviousData });
}
export function useCycle(id: string | null) {
  return useQuery({ queryKey: ['payroll', 'cycle', id], enabled: !!id, queryFn: ({ signal }) => api.get<CycleDetail>(`/payroll/cycles/${id}`, undefined, signal) });
}
export function useReview(id: string | null) {
  return useQuery({ queryKey: ['payroll', 'review', id], enabled: !!id, queryFn: ({ signal }) => api.get<CycleReview>(`/payroll/cycles/${id}/review`, undefined, signal) });
}
export function useLines(id: string | null, page: number) {
  return useQuery({ queryKey: ['payroll', 'lines', id, page], enabled: !!id, queryFn: ({ signal }) => api.get<ListResponse<PaymentLine>>(`/payroll/cycles/${id}/lines`, { page, page_size: 20 }, signal), placeholderData: keepPreviousData });
}

function useCycleMutation<V, R = unknown>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['payroll'] }) });
}
export const useCreateCycle = () => useCycleMutation<{ region: string; programme: string; month: string }, CycleSummary>((b) => api.post<CycleSummary>('/payroll/cycles', b));
export const useApprove = () => useCycleMutation((id: string) => api.post<CycleDetail>(`/payroll/cycles/${id}/approve`, {}));
export const useRecompute = () => useCycleMutation((id: string) => api.post<CycleSummary>(`/payroll/cycles/${id}/compute`));
export const useReissue = () => useCycleMutation((id: string) => api.post<{ reissued: number }>(`/payroll/cycles/${id}/reissue`, {}));
export const useCloseCycle = () => useCycleMutation((id: string) => api.post<CycleDetail>(`/payroll/cycles/${id}/close`, {}));
export const useImportReturn = () => useCycleMutation((v: { id: string; file: File }) => api.upload<ReturnImportResult>(`/payroll/cycles/${v.id}/returns`, v.file));

export const rosterUrl = (id: string) => apiUrl(`/payroll/cycles/${id}/roster.xlsx`);
export const publicUrl = (id: string) => apiUrl(`/payroll/cycles/${id}/public.xlsx`);
