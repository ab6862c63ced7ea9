import type { PersonSummary } from '@yiyang/core';
import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { t } from '@/i18n/t';
import { tagLabel, valueLabel } from '../labels';

export interface PersonTableProps {
  items: PersonSummary[];
  total: number;
  /** false: `total` is an estimate (more than 10,000 matches). */
  exact?: boolean;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number, size: number) => void;
}

export function PersonTable({ items, total, exact = true, page, pageSize, loading, onPageChange }: PersonTableProps) {
  return (
    <Table<PersonSummary>
      rowKey="id"
      size="middle"
      data-testid="persons-table"
      loading={loading}
      dataSource={items}
      scroll={{ x: 'max-content' }}
      pagination={{ current: page, pageSize, total, showSizeChanger: true, showTotal: (n) => (exact ? t('common.total', { total: n }) : t('persons.totalEstimate', { total: n.toLocaleString('zh-CN') })), onChange: onPageChange }}
      columns={[
        { title: t('persons.name'), dataIndex: 'name', render: (v: string, p) => <Link to={`/persons/${p.id}`} data-testid="person-link">{v}</Link> },
        { title: t('persons.idNumber'), dataIndex: 'id_number' },
        { title: t('persons.sex'), dataIndex: 'sex', render: (v) => (v === 'male' ? t('persons.male') : v === 'female' ? t('persons.female') : '') },
        { title: t('persons.age'), dataIndex: 'age' },
        { title: t('persons.region'), dataIndex: 'region_name' },
        { title: t('persons.economicStatus'), dataIndex: 'economic_status', render: (v) => valueLabel('economic_status', v) },
        { title: t('persons.capabilityGrade'), dataIndex: 'capability_grade', render: (v) => (v === null ? t('persons.notAssessed') : valueLabel('capability_grade', v)) },
        { title: t('persons.tags'), dataIndex: 'tags', render: (tags: string[]) => tags.map((x) => <Tag key={x} color="orange">{tagLabel(x)}</Tag>) },
        { title: t('persons.status'), dataIndex: 'status', render: (v: keyof typeof STATUS) => <Tag color={v === 'active' ? 'green' : 'default'}>{STATUS[v]}</Tag> },
      ]}
    />
  );
}

const STATUS = {
  active: t('persons.statuses.active'),
  deceased: t('persons.statuses.deceased'),
  moved_out: t('persons.statuses.moved_out'),
  merged: t('persons.statuses.merged'),
};
