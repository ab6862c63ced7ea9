import type {
  AlertQuery,
  VisitDueItem,
  VisitDueQuery,
  RateQuery,
  RecordVisit,
  ReferralRecord,
  RosterDetail,
  RosterEntry,
  RosterQuery,
  UpdateRoster,
  VisitAlert,
  VisitRate,
  VisitRecord,
} from '@yiyang/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AssignVisitor } from '@yiyang/core';
import { api, type ListResponse } from '@/lib/api';

type Input<T> = Partial<{ [K in keyof T]: T[K] | undefined }>;

export interface RegionRate {
  region_code: string;
  region_name: string | null;
  due: number;
  visited: number;
  rate: number | null;
}

export interface VisitorSummary {
  id: string;
  display_name: string;
  org_name: string;
  region_code: string;
  roles: string[];
  assigned: number;
}

export function useDue(q: Input<VisitDueQuery>) {
  return useQuery({
    queryKey: ['visits', 'due', q],
    queryFn: ({ signal }) => api.get<ListResponse<VisitDueItem>>('/visits/due', { ...q }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRate(q: Input<RateQuery>) {
  return useQuery({
    queryKey: ['visits', 'rate', q],
    queryFn: ({ signal }) => api.get<VisitRate>('/visits/rate', { ...q }, signal),
  });
}

export function useRateByRegion(q: Input<RateQuery>, enabled = true) {
  return useQuery({
    queryKey: ['visits', 'rate-regions', q],
    queryFn: ({ signal }) => api.get<ListResponse<RegionRate>>('/visits/rate/regions', { ...q }, signal),
    enabled,
  });
}

export function useRoster(q: Input<RosterQuery>) {
  return useQuery({
    queryKey: ['visits', 'roster', q],
    queryFn: ({ signal }) => api.get<ListResponse<RosterEntry>>('/visits/roster', { ...q }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRosterDetail(personId: string | undefined) {
  return useQuery({
    queryKey: ['visits', 'roster-detail', personId],
    queryFn: ({ signal }) => api.get<RosterDetail>(`/visits/roster/${personId}`, undefined, signal),
    enabled: !!personId,
  });
}

export function useVisitors(region: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['visits', 'visitors', region],
    queryFn: ({ signal }) => api.get<ListResponse<VisitorSummary>>('/visits/visitors', { region }, signal),
    enabled,
  });
}

export function useAlerts(q: Input<AlertQuery>) {
  return useQuery({
    queryKey: ['visits', 'alerts', q],
    queryFn: ({ signal }) => api.get<ListResponse<VisitAlert>>('/visits/alerts', { ...q }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReferrals(q: { region?: string | undefined; status?: string | undefined; page: number; page_size: number }) {
  return useQuery({
    queryKey: ['visits', 'referrals', q],
    queryFn: ({ signal }) => api.get<ListResponse<ReferralRecord>>('/visits/referrals', { ...q }, signal),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateVisits() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['visits'] });
}

export function useRecordVisit() {
  const invalidate = useInvalidateVisits();
  return useMutation({
    mutationFn: (body: z.input<typeof RecordVisit>) => api.post<VisitRecord>('/visits', body),
    onSuccess: invalidate,
  });
}

export function useUploadPhoto() {
  return useMutation({
    mutationFn: ({ visitId, file }: { visitId: string; file: Blob }) => api.upload<{ id: string }>(`/visits/records/${visitId}/photos`, file),
    meta: { handlesErrors: true },
  });
}

export function useUpdateRoster() {
  const invalidate = useInvalidateVisits();
  return useMutation({
    mutationFn: ({ personId, body }: { personId: string; body: z.input<typeof UpdateRoster> }) => api.patch<RosterDetail>(`/visits/roster/${personId}`, body),
    onSuccess: invalidate,
  });
}

export function useAssign() {
  const invalidate = useInvalidateVisits();
  return useMutation({
    mutationFn: (body: z.input<typeof AssignVisitor>) => api.post<{ assigned: number; person_ids: string[] }>('/visits/assignments', body),
    onSuccess: invalidate,
  });
}

export function useResolveAlert() {
  const invalidate = useInvalidateVisits();
  return useMutation({
    mutationFn: ({ id, resolution, version }: { id: string; resolution: string; version: number }) => api.post<VisitAlert>(`/visits/alerts/${id}/resolve`, { resolution, version }),
    onSuccess: invalidate,
  });
}

export function useRevealContacts() {
  return useMutation({
    mutationFn: (personId: string) =>
      api.post<{ contacts: Array<{ name: string; relation: string; phone: string | null }> }>(`/visits/roster/${personId}/contacts/reveal`, { reason: '探访联系' }),
  });
}
