import type { Region, RegionWithPath } from '@yiyang/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import { api } from '@/lib/api';

export type RegionPath = z.infer<typeof RegionWithPath>;

/** `parent` undefined: the user's scope root (the API decides what that is). */
export const regionChildrenKey = (parent: string | undefined) => ['regions', 'children', parent ?? null] as const;

async function fetchChildren(parent: string | undefined, signal?: AbortSignal): Promise<Region[]> {
  const res = await api.get<{ items: Region[] }>('/regions', { parent }, signal);
  return res.items;
}

export function useRegionChildren(parent: string | undefined, enabled = true) {
  return useQuery({
    queryKey: regionChildrenKey(parent),
    queryFn: ({ signal }) => fetchChildren(parent, signal),
    staleTime: 10 * 60_000,
    enabled,
  });
}

/** Imperative loader for lazy trees (cached with the same keys as the hook). */
export function useRegionChildrenLoader() {
  const qc = useQueryClient();
  return useCallback(
    (parent: string) =>
      qc.fetchQuery({ queryKey: regionChildrenKey(parent), queryFn: ({ signal }) => fetchChildren(parent, signal), staleTime: 10 * 60_000 }),
    [qc],
  );
}

export function useRegionSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['regions', 'search', term],
    queryFn: ({ signal }) => api.get<{ items: Region[] }>('/regions/search', { q: term }, signal).then((r) => r.items),
    enabled: term.length > 0,
    staleTime: 5 * 60_000,
  });
}

export function useRegion(code: string | undefined) {
  return useQuery({
    queryKey: ['regions', 'one', code ?? null],
    queryFn: ({ signal }) => api.get<RegionPath>(`/regions/${encodeURIComponent(code!)}`, undefined, signal),
    enabled: !!code,
    staleTime: 10 * 60_000,
  });
}
