import type { CreateRole, Role, UpdateRole } from '@yiyang/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '@/lib/api';

export interface PermissionInfo {
  code: string;
  name: string;
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ['roles', 'list'],
    queryFn: ({ signal }) => api.get<{ items: Role[] }>('/roles', undefined, signal).then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

export function usePermissionCatalog(enabled = true) {
  return useQuery({
    queryKey: ['roles', 'permissions'],
    queryFn: ({ signal }) => api.get<{ items: PermissionInfo[] }>('/permissions', undefined, signal).then((r) => r.items),
    enabled,
    staleTime: 10 * 60_000,
  });
}

export function useCreateRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateRole>) => api.post<Role>('/roles', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['roles'] }),
  });
}

export function useUpdateRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: z.input<typeof UpdateRole> }) =>
      api.patch<Role>(`/roles/${encodeURIComponent(code)}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['roles'] }),
  });
}
