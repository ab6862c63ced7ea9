import type {
  AssessmentDetail,
  AssessmentForm,
  AssessmentStatistics,
  AssessmentSummary,
  DueItem,
  PersonDetail,
  PersonSummary,
  ReportModel,
} from '@yiyang/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, type ListResponse } from '@/lib/api';

export interface AssessmentFilters {
  status?: string | undefined;
  reason?: string | undefined;
  region?: string | undefined;
  person_id?: string | undefined;
  mine?: 'true' | undefined;
  q?: string | undefined;
  page: number;
  page_size: number;
}

export interface AgencyOption {
  id: string;
  name: string;
  region_code: string;
  assessors: Array<{ id: string; name: string }>;
}

export interface ActionEntry {
  id: number;
  action: string;
  from_status: string | null;
  to_status: string | null;
  actor_name: string;
  at: string;
  comment: string | null;
}

const KEY = ['assessments'] as const;

export function useAssessments(filters: AssessmentFilters, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'list', filters],
    queryFn: ({ signal }) => api.get<ListResponse<AssessmentSummary>>('/assessments', { ...filters }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAssessment(id: string | null | undefined) {
  return useQuery({
    queryKey: [...KEY, 'one', id ?? null],
    queryFn: ({ signal }) => api.get<AssessmentDetail>(`/assessments/${id!}`, undefined, signal),
    enabled: !!id,
  });
}

export function useAssessmentActions(id: string) {
  return useQuery({
    queryKey: [...KEY, 'actions', id],
    queryFn: ({ signal }) => api.get<{ items: ActionEntry[] }>(`/assessments/${id}/actions`, undefined, signal),
  });
}

export function useReport(id: string) {
  return useQuery({
    queryKey: [...KEY, 'report', id],
    queryFn: ({ signal }) => api.get<ReportModel>(`/assessments/${id}/report`, undefined, signal),
  });
}

export const reportPdfUrl = (id: string) => apiUrl(`/assessments/${id}/report.pdf`);

export function useAgencies(region: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'agencies', region ?? null],
    queryFn: ({ signal }) => api.get<{ items: AgencyOption[] }>('/assessments/agencies', { region }, signal),
    enabled,
    staleTime: 60_000,
  });
}

export function useDue(filters: { region?: string | undefined; within_days: number; page: number; page_size: number }) {
  return useQuery({
    queryKey: [...KEY, 'due', filters],
    queryFn: ({ signal }) => api.get<ListResponse<DueItem>>('/assessments/due', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStatistics(filters: { region?: string | undefined; year?: number | undefined }) {
  return useQuery({
    queryKey: [...KEY, 'statistics', filters],
    queryFn: ({ signal }) => api.get<AssessmentStatistics>('/assessments/statistics', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Registry: a person's current record (the published capability grade lives there). */
export function usePerson(id: string | null | undefined) {
  return useQuery({
    queryKey: ['persons', 'one', id ?? null],
    queryFn: ({ signal }) => api.get<PersonDetail>(`/persons/${id!}`, undefined, signal),
    enabled: !!id,
  });
}

export function usePersonSearch(q: string) {
  return useQuery({
    queryKey: ['persons', 'search', q],
    queryFn: ({ signal }) => api.get<ListResponse<PersonSummary>>('/persons', { q, page_size: 20 }, signal),
    enabled: q.trim().length > 0,
  });
}

function useAssessmentMutation<I>(fn: (input: I) => Promise<AssessmentDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (d) => {
      qc.setQueryData([...KEY, 'one', d.id], d);
      return Promise.all([qc.invalidateQueries({ queryKey: KEY }), qc.invalidateQueries({ queryKey: ['persons'] })]);
    },
  });
}

export const useRequestAssessment = () =>
  useAssessmentMutation((body: { person_id: string; reason: 'first' | 'routine' | 'immediate'; channel: 'applicant' | 'staff'; applicant_name?: string | null; applicant_relation?: string | null; note?: string | null }) =>
    api.post<AssessmentDetail>('/assessments', body),
  );
export const useAssign = () =>
  useAssessmentMutation(({ id, ...body }: { id: string; agency_id: string; assessor_ids: [string, string]; version: number }) => api.post<AssessmentDetail>(`/assessments/${id}/assign`, body));
export const useSaveDraft = () =>
  useAssessmentMutation(({ id, ...body }: { id: string; form: AssessmentForm; assessment_date?: string | null; version: number }) => api.put<AssessmentDetail>(`/assessments/${id}/form`, body));
export const useSubmit = () =>
  useAssessmentMutation(({ id, ...body }: { id: string; form?: AssessmentForm; assessment_date?: string | null; version: number }) => api.post<AssessmentDetail>(`/assessments/${id}/submit`, body));
export const useReview = () =>
  useAssessmentMutation(({ id, ...body }: { id: string; decision: 'approve' | 'return'; comment?: string | null; version: number }) => api.post<AssessmentDetail>(`/assessments/${id}/review`, body));
export const usePublish = () => useAssessmentMutation(({ id, version }: { id: string; version: number }) => api.post<AssessmentDetail>(`/assessments/${id}/publish`, { version }));
export const useObject = () =>
  useAssessmentMutation(({ id, ...body }: { id: string; reason: string; applicant_name?: string | null; applicant_relation?: string | null; version: number }) => api.post<AssessmentDetail>(`/assessments/${id}/objection`, body));
export const useCancel = () => useAssessmentMutation(({ id, ...body }: { id: string; reason: string; version: number }) => api.post<AssessmentDetail>(`/assessments/${id}/cancel`, body));
