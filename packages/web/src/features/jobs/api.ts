import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type ListResponse } from '@/lib/api';

export const JOB_STATUSES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface Job {
  id: number;
  type: string;
  status: string;
  attempts: number;
  progress: unknown;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export function useJobs(filters: { status?: JobStatus | undefined; page: number; page_size: number }) {
  return useQuery({
    queryKey: ['jobs', 'list', filters],
    queryFn: ({ signal }) => api.get<ListResponse<Job>>('/jobs', { ...filters }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}
