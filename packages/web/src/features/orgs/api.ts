import type { CreateOrganisation, Organisation, OrgType, UpdateOrganisation } from '@yiyang/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type ListResponse } from '@/lib/api';

export interface OrgFilters {
  region?: string | undefined;
  type?: OrgType | undefined;
  q?: string | undefined;
  page: number;
  page_size: number;
}

export type CreateOrgInput = z.input<typeof CreateOrganisation>;
export type UpdateOrgInput = z.input<typeof UpdateOrganisation>;

export function useOrgs(filters: OrgFilters, enabled = true) {
  return useQuery({
    queryKey: ['orgs', 'list', filters],
    queryFn: ({ signal }) => api.get<ListResponse<Organisation>>('/orgs', { ...filters }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOrg(id: string | null | undefined) {
  return useQuery({
    queryKey: ['orgs', 'one', id ?? null],
    queryFn: ({ signal }) => api.get<Organisation>(`/orgs/${id!}`, undefined, signal),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export function useCreateOrg() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrgInput) => api.post<Organisation>('/orgs', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['orgs'] }),
  });
}

export function useUpdateOrg() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateOrgInput }) => api.patch<Organisation>(`/orgs/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['orgs'] }),
  });
}
