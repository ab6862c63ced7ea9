import type { CreateUser, UpdateUser, User } from '@yiyang/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type ListResponse } from '@/lib/api';

export interface UserFilters {
  q?: string | undefined;
  region?: string | undefined;
  org_id?: string | undefined;
  role?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
  page: number;
  page_size: number;
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: ['users', 'list', filters],
    queryFn: ({ signal }) => api.get<ListResponse<User>>('/users', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateUsers() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['users'] });
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateUser>) =>
      api.post<{ user: User; initial_password: string | null }>('/users', body),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.input<typeof UpdateUser> }) => api.patch<User>(`/users/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: string) => api.post<{ initial_password: string }>(`/users/${id}/reset-password`),
    onSuccess: invalidate,
  });
}

export function useUnlockUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: string) => api.post<User>(`/users/${id}/unlock`),
    onSuccess: invalidate,
  });
}

export function useResetMfa() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: string) => api.post<User>(`/users/${id}/reset-mfa`),
    onSuccess: invalidate,
  });
}
