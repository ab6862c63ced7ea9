import { IMPORT_SOURCES, type ImportSourceKey } from '@yiyang/core';
import { Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { useImportBatches } from '@/features/persons/api';
import { ImportWizard } from '@/features/persons/components/ImportWizard';
import { t } from '@/i18n/t';
import { formatDateTime } from '@/ui/format';
import { PageContainer } from '@/ui/PageContainer';

export function PersonImportPage() {
  const [page, setPage] = useState(1);
  const history = useImportBatches(page);
  return (
    <PageContainer title={t('persons.importTitle')} description={t('persons.importDescription')} testId="person-import-page">
      <ImportWizard onDone={() => void history.refetch()} />
      <Card title={t('persons.importHistory')} size="small">
        <Table
          size="small"
          rowKey="id"
          loading={history.isFetching}
          dataSource={history.data?.items ?? []}
          pagination={{ current: page, pageSize: 10, total: history.data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: t('persons.importedAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
            { title: t('persons.importSource'), dataIndex: 'source', render: (v: ImportSourceKey) => IMPORT_SOURCES[v]?.label ?? v },
            { title: t('persons.fileName'), dataIndex: 'file_name' },
            { title: t('common.status'), dataIndex: 'status', render: (v: string) => <Tag color={v === 'done' ? 'green' : v === 'failed' ? 'red' : 'blue'}>{t(`jobs.statuses.${v === 'queued' ? 'pending' : (v as 'running' | 'done' | 'failed')}`)}</Tag> },
            { title: t('persons.accepted'), dataIndex: 'accepted' },
            { title: t('persons.rejected'), dataIndex: 'rejected' },
            { title: t('persons.created'), dataIndex: 'created' },
            { title: t('persons.updated'), dataIndex: 'updated' },
            { title: t('persons.conflicts'), dataIndex: 'conflicts' },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
