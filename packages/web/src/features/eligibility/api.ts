import type { RunRecord, SimulationResult, WorklistEntry } from '@yiyang/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ListResponse } from '@/lib/api';

export interface ExplanationRow {
  code: string;
  name: string;
  eligible: boolean;
  condition: string;
  facts: Record<string, unknown>;
  excluded_by: string | null;
  error: string | null;
  citation: string;
  benefit_kind: string;
  monthly_cash_fen: number | null;
  blocked_parameters: string[];
}

export interface PersonEntitlements {
  person_id: string;
  region_code: string;
  as_of: string;
  pack_code: string;
  catalogue_version_no: number;
  items: Array<{ code: string; name: string; monthly_cash_fen: number | null; blocked_parameters: string[] }>;
  explanation: ExplanationRow[];
}

export function usePersonEntitlements(personId: string, asOf?: string) {
  return useQuery({
    queryKey: ['eligibility', 'person', personId, asOf ?? null],
    queryFn: ({ signal }) => api.get<PersonEntitlements>(`/persons/${personId}/entitlements`, asOf ? { as_of: asOf } : {}, signal),
    retry: false,
  });
}

export interface WorklistFilter {
  kind?: WorklistEntry['kind'] | undefined;
  status?: WorklistEntry['status'] | undefined;
  item_code?: string | undefined;
  page: number;
  page_size: number;
}

export function useWorklist(q: WorklistFilter) {
  return useQuery({
    queryKey: ['eligibility', 'worklist', q],
    queryFn: ({ signal }) => api.get<ListResponse<WorklistEntry>>('/worklists', { ...q }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRuns() {
  return useQuery({
    queryKey: ['eligibility', 'runs'],
    queryFn: ({ signal }) => api.get<ListResponse<RunRecord>>('/eligibility/runs', {}, signal),
  });
}

export function useEligibilityMutations() {
  const qc = useQueryClient();
  return {
    updateEntry: useMutation({
      mutationFn: (b: { id: string; version: number; status: WorklistEntry['status']; note?: string }) => api.patch<WorklistEntry>(`/worklists/${b.id}`, { version: b.version, status: b.status, ...(b.note ? { note: b.note } : {}) }),
      onSuccess: () => qc.invalidateQueries({ queryKey: ['eligibility'] }),
    }),
    run: useMutation({
      mutationFn: (b: { region: string }) => api.post<RunRecord>('/eligibility/runs', b),
      onSuccess: () => qc.invalidateQueries({ queryKey: ['eligibility'] }),
    }),
    simulate: useMutation({
      mutationFn: (b: { version_id: string; as_of?: string }) => api.post<SimulationResult>('/eligibility/simulations', b),
    }),
  };
}
