import type { Application, Enrolment, Programme } from '@yiyang/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ListResponse } from '@/lib/api';

export function useProgrammes(region?: string) {
  return useQuery({ queryKey: ['benefits', 'programmes', region], queryFn: ({ signal }) => api.get<{ items: Programme[] }>('/benefits/programmes', { region }, signal) });
}

export function useEnrolments(q: { region?: string | undefined; programme?: string | undefined; status?: string | undefined; page: number; page_size: number }) {
  return useQuery({ queryKey: ['benefits', 'enrolments', q], queryFn: ({ signal }) => api.get<ListResponse<Enrolment>>('/benefits/enrolments', q, signal), placeholderData: keepPreviousData });
}

export function useApplications(q: { status?: string | undefined; mine?: 'true' | undefined; page: number; page_size: number }) {
  return useQuery({ queryKey: ['benefits', 'applications', q], queryFn: ({ signal }) => api.get<ListResponse<Application>>('/benefits/applications', q, signal), placeholderData: keepPreviousData });
}

export function useApply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { person_id: string; programme: string; applicant_kind: 'self' | 'family' | 'staff'; applicant_name: string; applicant_relation?: string; note?: string; bank?: string; account?: string }) => api.post<Application>('/benefits/applications', { ...body, attachments: [] }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['benefits'] }),
  });
}

export function useDecide() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; decision: 'approve' | 'reject'; reason: string; version: number }) => api.post<Application>(`/benefits/applications/${v.id}/decision`, { decision: v.decision, reason: v.reason, version: v.version }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['benefits'] }),
  });
}

export function useTerminate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; last_month: string; end_reason: Enrolment['end_reason'] & string; reason: string; version: number }) => api.post<Enrolment>(`/benefits/enrolments/${v.id}/terminate`, { last_month: v.last_month, end_reason: v.end_reason, reason: v.reason, version: v.version }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['benefits'] }),
  });
}
