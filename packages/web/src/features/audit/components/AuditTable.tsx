import type { AuditEntry } from '@yiyang/core';
import { Descriptions, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lookup, t } from '@/i18n/t';
import { DateTimeText } from '@/ui/DisplayText';
import { JsonBlock } from '@/ui/JsonBlock';

export interface AuditTableProps {
  items: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
}

function AuditDetail({ entry }: { entry: AuditEntry }) {
  return (
    <Flex vertical gap="small" data-testid={`audit-detail-${entry.seq}`}>
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'request', label: t('audit.requestId'), children: entry.request_id ?? '—' },
          { key: 'entity', label: t('audit.entity'), children: `${entry.entity_type ?? '—'} ${entry.entity_id ?? ''}` },
        ]}
      />
      <Flex gap="middle" wrap>
        <Flex vertical gap="small" style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <JsonBlock value={entry.before} testId={`audit-before-${entry.seq}`} />
        </Flex>
        <Flex vertical gap="small" style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <JsonBlock value={entry.after} testId={`audit-after-${entry.seq}`} />
        </Flex>
        <Flex vertical gap="small" style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong>{t('audit.details')}</Typography.Text>
          <JsonBlock value={entry.details} testId={`audit-details-${entry.seq}`} />
        </Flex>
      </Flex>
    </Flex>
  );
}

export function AuditTable({ items, total, page, pageSize, loading, onPageChange }: AuditTableProps) {
  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq' },
    { title: t('audit.at'), dataIndex: 'at', key: 'at', render: (v: string) => <DateTimeText iso={v} /> },
    { title: t('audit.actor'), dataIndex: 'actor_username', key: 'actor', render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (a: string) => (
        <span data-testid="audit-action" data-action={a}>
          {lookup('auditActions', a) ?? a} <Typography.Text type="secondary">{a}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_: unknown, e) => (e.entity_type ? (lookup('entityTypes', e.entity_type) ?? e.entity_type) : '—'),
    },
    {
      title: t('audit.region'),
      dataIndex: 'region_code',
      key: 'region',
      render: (v: string | null, e) => (v ? <span title={v}>{e.region_name ?? v}</span> : '—'),
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      key: 'outcome',
      render: (o: AuditEntry['outcome']) =>
        o === 'success' ? <Tag color="success">{t('audit.success')}</Tag> : <Tag color="error">{t('audit.failure')}</Tag>,
    },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <Table<AuditEntry>
      data-testid="audit-table"
      rowKey="seq"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      expandable={{ expandedRowRender: (e) => <AuditDetail entry={e} /> }}
      onRow={(e) => ({ 'data-testid': 'audit-row', 'data-action': e.action, 'data-outcome': e.outcome }) as React.HTMLAttributes<HTMLElement>}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        showTotal: (n) => t('common.total', { total: n }),
        onChange: onPageChange,
      }}
    />
  );
}
