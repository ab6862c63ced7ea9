/** React-query hooks of the registry (老年人档案) API. */
import type {
  DuplicatePair,
  FactConflict,
  FactRecord,
  ImportBatch,
  ImportResult,
  ImportSourceKey,
  LifeEventInput,
  LifeEventRecord,
  PersonDetail,
  PersonSummary,
} from '@yiyang/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, ApiError, type ListResponse } from '@/lib/api';

export interface PersonFilters {
  q?: string | undefined;
  region?: string | undefined;
  sex?: 'male' | 'female' | undefined;
  age_min?: number | undefined;
  age_max?: number | undefined;
  economic_status?: string | undefined;
  capability_grade?: number | undefined;
  living_arrangement?: string | undefined;
  tag?: string | undefined;
  status?: string | undefined;
  page: number;
  page_size: number;
}

export function usePersons(f: PersonFilters) {
  return useQuery({
    queryKey: ['persons', 'list', f],
    queryFn: ({ signal }) => api.get<ListResponse<PersonSummary> & { total_exact: boolean }>('/persons', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: ['persons', 'one', id], queryFn: ({ signal }) => api.get<PersonDetail>(`/persons/${id}`, undefined, signal) });
}

export function usePersonFacts(id: string) {
  return useQuery({ queryKey: ['persons', 'facts', id], queryFn: ({ signal }) => api.get<{ items: FactRecord[] }>(`/persons/${id}/facts`, undefined, signal) });
}

export function usePersonEvents(id: string) {
  return useQuery({ queryKey: ['persons', 'events', id], queryFn: ({ signal }) => api.get<{ items: LifeEventRecord[] }>(`/persons/${id}/events`, undefined, signal) });
}

function useInvalidatePersons() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['persons'] });
}

export function useUpdatePerson(id: string) {
  const inv = useInvalidatePersons();
  return useMutation({ mutationFn: (body: { name?: string; phone?: string | null; address?: string | null; version: number }) => api.patch<PersonDetail>(`/persons/${id}`, body), onSuccess: inv });
}

export function useRecordEvent(id: string) {
  const inv = useInvalidatePersons();
  return useMutation({ mutationFn: (body: LifeEventInput) => api.post<PersonDetail>(`/persons/${id}/events`, body), onSuccess: inv });
}

export function useRecordFact(id: string) {
  const inv = useInvalidatePersons();
  return useMutation({ mutationFn: (body: { fact: string; value: unknown; valid_from: string }) => api.post<PersonDetail>(`/persons/${id}/facts`, body), onSuccess: inv });
}

export function useReveal(id: string) {
  return useMutation({ mutationFn: (reason: string) => api.post<{ id_number: string; phone: string | null }>(`/persons/${id}/reveal`, { reason }) });
}

export function useTagCounts(region: string | undefined) {
  return useQuery({
    queryKey: ['persons', 'tag-counts', region],
    queryFn: ({ signal }) =>
      api.get<{ totals: { total: number; tags: Record<string, number> } }>('/persons/stats/tags', { region }, signal),
  });
}

export function useConflicts(status: 'open' | 'resolved', page: number, pageSize: number, region?: string) {
  return useQuery({
    queryKey: ['persons', 'conflicts', status, page, pageSize, region],
    queryFn: ({ signal }) => api.get<ListResponse<FactConflict>>('/persons/conflicts', { status, page, page_size: pageSize, region }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useResolveConflict() {
  const inv = useInvalidatePersons();
  return useMutation({ mutationFn: ({ id, decision }: { id: number; decision: 'keep' | 'use_incoming' | 'use_current' }) => api.post(`/persons/conflicts/${id}/resolve`, { decision }), onSuccess: inv });
}

export function useDuplicates(status: 'open' | 'merged' | 'dismissed', page: number, pageSize: number, region?: string) {
  return useQuery({
    queryKey: ['persons', 'duplicates', status, page, pageSize, region],
    queryFn: ({ signal }) => api.get<ListResponse<DuplicatePair>>('/persons/duplicates', { status, page, page_size: pageSize, region }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useScanDuplicates() {
  const inv = useInvalidatePersons();
  return useMutation({ mutationFn: (region?: string) => api.post<{ jobs: number }>('/persons/duplicates/scan', region ? { region } : {}), onSuccess: inv });
}

export function useDecideDuplicate() {
  const inv = useInvalidatePersons();
  return useMutation({
    mutationFn: (d: { id: number; keep?: string; reason?: string; dismiss?: boolean }) =>
      d.dismiss ? api.post(`/persons/duplicates/${d.id}/dismiss`) : api.post(`/persons/duplicates/${d.id}/merge`, { keep: d.keep, reason: d.reason }),
    onSuccess: inv,
  });
}

export function useImportBatches(page: number) {
  return useQuery({
    queryKey: ['persons', 'imports', page],
    queryFn: ({ signal }) => api.get<ListResponse<ImportBatch>>('/persons/imports', { page, page_size: 10 }, signal),
  });
}

/** Poll a batch every second until it is done or failed. */
export function useImportBatch(id: string | undefined) {
  return useQuery({
    queryKey: ['persons', 'import', id],
    enabled: !!id,
    queryFn: ({ signal }) => api.get<ImportBatch>(`/persons/imports/${id}`, undefined, signal),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Upload a file as the raw request body (the API takes the file itself, not a form). */
export async function uploadImport(source: ImportSourceKey, file: File): Promise<{ batch_id: string } & Partial<ImportResult>> {
  const type = file.name.toLowerCase().endsWith('.xlsx') ? XLSX_TYPE : file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/octet-stream';
  const res = await fetch(apiUrl('/persons/import', { source, file_name: file.name, mode: 'async' }), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': type, accept: 'application/json' },
    body: file,
  });
  const payload = (await res.json().catch(() => undefined)) as { error?: { code: string; message: string } } | undefined;
  if (!res.ok) throw new ApiError(res.status, payload?.error?.code ?? 'UNKNOWN', payload?.error?.message ?? `HTTP ${res.status}`);
  return payload as { batch_id: string };
}

export const templateUrl = (source: ImportSourceKey) => apiUrl(`/persons/import-templates/${source}`);
export const errorReportUrl = (batchId: string) => apiUrl(`/persons/imports/${batchId}/error-report`);
