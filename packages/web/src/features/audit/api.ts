import type { AuditEntry } from '@yiyang/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, apiUrl, type ListResponse } from '@/lib/api';

export interface AuditFilters {
  actor?: string | undefined;
  action?: string | undefined;
  entity_type?: string | undefined;
  entity_id?: string | undefined;
  outcome?: 'success' | 'failure' | undefined;
  /** PlainDate YYYY-MM-DD */
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  problems: Array<{ seq: number; problem: string }>;
}

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
