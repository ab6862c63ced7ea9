import type { CatalogueDiff, CatalogueVersionDetail, CatalogueVersionSummary, InheritanceReport, PublicCatalogue } from '@yiyang/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ListResponse } from '@/lib/api';

export function useCatalogueVersions(region?: string) {
  return useQuery({
    queryKey: ['catalogue', 'versions', region ?? null],
    queryFn: ({ signal }) => api.get<ListResponse<CatalogueVersionSummary>>('/catalogues', region ? { region } : {}, signal),
  });
}

export function useCatalogueVersion(id: string | null) {
  return useQuery({
    queryKey: ['catalogue', 'version', id],
    queryFn: ({ signal }) => api.get<CatalogueVersionDetail>(`/catalogues/versions/${id}`, {}, signal),
    enabled: !!id,
  });
}

export function useCatalogueDiff(from: string | null, to: string | null) {
  return useQuery({
    queryKey: ['catalogue', 'diff', from, to],
    queryFn: ({ signal }) => api.get<CatalogueDiff>('/catalogues/diff', { from: from!, to: to! }, signal),
    enabled: !!from && !!to,
  });
}

export function useInheritanceCheck(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['catalogue', 'check', id],
    queryFn: ({ signal }) => api.get<InheritanceReport>(`/catalogues/versions/${id}/check`, {}, signal),
    enabled: !!id && enabled,
  });
}

export function usePublicCatalogue(region: string) {
  return useQuery({
    queryKey: ['catalogue', 'public', region],
    queryFn: ({ signal }) => api.get<PublicCatalogue>(`/public/catalogues/${region}`, {}, signal),
    retry: false,
  });
}

type Action = 'propose' | 'approve' | 'return';

export function useCatalogueMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['catalogue'] });
  return {
    createDraft: useMutation({
      mutationFn: (b: { pack_code: string; note?: string }) => api.post<CatalogueVersionDetail>('/catalogues/drafts', b),
      onSuccess: done,
    }),
    transition: useMutation({
      mutationFn: (b: { id: string; action: Action; version: number; note?: string }) => api.post<CatalogueVersionDetail>(`/catalogues/versions/${b.id}/${b.action}`, { version: b.version, ...(b.note ? { note: b.note } : {}) }),
      onSuccess: done,
    }),
    publish: useMutation({
      mutationFn: (b: { id: string; version: number; document_number: string; effective_from: string }) => api.post<CatalogueVersionDetail>(`/catalogues/versions/${b.id}/publish`, { version: b.version, document_number: b.document_number, effective_from: b.effective_from }),
      onSuccess: done,
    }),
    setParameter: useMutation({
      mutationFn: (b: { id: string; name: string; version: number; from: string; value: number | null }) => api.put<CatalogueVersionDetail>(`/catalogues/versions/${b.id}/parameters/${b.name}`, { version: b.version, from: b.from, value: b.value }),
      onSuccess: done,
    }),
    updateContent: useMutation({
      mutationFn: (b: { id: string; version: number; content: Record<string, unknown> }) => api.put<CatalogueVersionDetail>(`/catalogues/versions/${b.id}`, { version: b.version, content: b.content }),
      onSuccess: done,
    }),
  };
}
