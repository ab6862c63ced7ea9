import type { AuditEntry, AuditQuery, AuditVerifyResult as AuditVerifyResultSchema } from '@yiyang/core';
import type { z } from 'zod';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, apiUrl, type ListResponse } from '@/lib/api';

/** The audit list's filters (dates are PlainDate YYYY-MM-DD), as the shared contract defines them. */
export type AuditFilters = Omit<z.input<typeof AuditQuery>, 'page' | 'page_size'>;

export type AuditVerifyResult = z.infer<typeof AuditVerifyResultSchema>;

export function useAuditLog(filters: AuditFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', 'list', filters, page, pageSize],
    queryFn: ({ signal }) => api.get<ListResponse<AuditEntry>>('/audit', { ...filters, page, page_size: pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The CSV export with the same filters; a plain link, so the browser downloads it with the session cookie. */
export function auditExportUrl(filters: AuditFilters): string {
  return apiUrl('/audit/export.csv', { ...filters });
}

export function useVerifyAudit() {
  return useMutation({
    mutationFn: () => api.post<AuditVerifyResult>('/audit/verify'),
  });
}
