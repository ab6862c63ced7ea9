import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { JOB_STATUSES, useJobs, type Job, type JobStatus } from '@/features/jobs/api';
import { t } from '@/i18n/t';
import { DateTimeText } from '@/ui/DisplayText';
import { PageContainer } from '@/ui/PageContainer';
import { LAYOUT } from '@/ui/theme';

const STATUS_COLOUR: Record<JobStatus, string> = {
  pending: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
  cancelled: 'warning',
};

function isJobStatus(s: string): s is JobStatus {
  return (JOB_STATUSES as readonly string[]).includes(s);
}

export function JobsPage() {
  const [status, setStatus] = useState<JobStatus | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const jobs = useJobs({ status, page, page_size: pageSize });

  const columns: ColumnsType<Job> = [
    { title: t('jobs.id'), dataIndex: 'id', key: 'id' },
    { title: t('jobs.type'), dataIndex: 'type', key: 'type', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t('jobs.status'),
      dataIndex: 'status',
      key: 'status',
      render: (s: string) => (isJobStatus(s) ? <Tag color={STATUS_COLOUR[s]}>{t(`jobs.statuses.${s}`)}</Tag> : <Tag>{s}</Tag>),
    },
    { title: t('jobs.attempts'), dataIndex: 'attempts', key: 'attempts' },
    {
      title: t('jobs.progress'),
      dataIndex: 'progress',
      key: 'progress',
      render: (p: unknown) => (p === null || p === undefined ? '—' : <Typography.Text code>{JSON.stringify(p)}</Typography.Text>),
    },
    {
      title: t('jobs.lastError'),
      dataIndex: 'last_error',
      key: 'error',
      render: (e: string | null) => (e ? <Typography.Text type="danger">{e}</Typography.Text> : '—'),
    },
    { title: t('jobs.createdAt'), dataIndex: 'created_at', key: 'created', render: (v: string) => <DateTimeText iso={v} /> },
    { title: t('jobs.finishedAt'), dataIndex: 'finished_at', key: 'finished', render: (v: string | null) => <DateTimeText iso={v} /> },
  ];

  return (
    <PageContainer
      title={t('jobs.title')}
      description={t('jobs.description')}
      testId="jobs-page"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void jobs.refetch()} data-testid="jobs-refresh">
          {t('common.refresh')}
        </Button>
      }
    >
      <Card>
        <Flex vertical gap="middle">
          <Select<JobStatus>
            allowClear
            placeholder={t('jobs.allStatus')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={JOB_STATUSES.map((s) => ({ value: s, label: t(`jobs.statuses.${s}`) }))}
            style={{ width: LAYOUT.filterControlWidth }}
            data-testid="jobs-status-filter"
          />
          <Table<Job>
            data-testid="jobs-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={jobs.data?.items ?? []}
            loading={jobs.isLoading}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: page,
              pageSize,
              total: jobs.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { total: n }),
              onChange: (p, s) => {
                setPage(p);
                setPageSize(s);
              },
            }}
          />
        </Flex>
      </Card>
    </PageContainer>
  );
}
