import { ORG_TYPE_LABELS, type Organisation } from '@yiyang/core';
import { Button, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { t } from '@/i18n/t';
import { DateTimeText } from '@/ui/DisplayText';

export interface OrgTableProps {
  items: Organisation[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  canEdit: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  onEdit: (org: Organisation) => void;
}

export function OrgTable({ items, total, page, pageSize, loading, canEdit, onPageChange, onEdit }: OrgTableProps) {
  const columns: ColumnsType<Organisation> = [
    { title: t('orgs.name'), dataIndex: 'name', key: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('orgs.type'), dataIndex: 'type', key: 'type', render: (type: Organisation['type']) => ORG_TYPE_LABELS[type] },
    {
      title: t('orgs.region'),
      key: 'region',
      render: (_: unknown, o) => (
        <span>
          {o.region_name} <Typography.Text type="secondary">{o.region_code}</Typography.Text>
        </span>
      ),
    },
    { title: t('orgs.creditCode'), dataIndex: 'unified_credit_code', key: 'credit', render: (v: string | null) => v ?? '—' },
    { title: t('orgs.phone'), dataIndex: 'contact_phone', key: 'phone', render: (v: string | null) => v ?? '—' },
    {
      title: t('orgs.status'),
      dataIndex: 'status',
      key: 'status',
      render: (s: Organisation['status']) =>
        s === 'active' ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
    },
    { title: t('orgs.createdAt'), dataIndex: 'created_at', key: 'created', render: (v: string) => <DateTimeText iso={v} /> },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, o) => (
        <Button type="link" size="small" onClick={() => onEdit(o)} data-testid={`org-edit-${o.id}`}>
          {t('common.edit')}
        </Button>
      ),
    });
  }
  return (
    <Table<Organisation>
      data-testid="org-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      scroll={{ x: 'max-content' }}
      onRow={(o) => ({ 'data-testid': 'org-row', 'data-region': o.region_code }) as React.HTMLAttributes<HTMLElement>}
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
