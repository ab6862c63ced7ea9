/** Items of a list: code, name, target group, content, service types, departments, benefit, citation. */
import { Table, Tag, Typography } from 'antd';
import { t, type MessageKey } from '@/i18n/t';

export interface ItemRow {
  code: string;
  name: string;
  target_group: string;
  service_types: string[];
  content: string;
  departments: string[];
  benefit: unknown;
  eligibility?: string;
  citation: string;
  from_pack?: string;
  requires_application?: boolean;
}

export function benefitLabel(b: unknown): string {
  if (typeof b === 'string') return b;
  const x = b as { kind: string; monthly_fen?: string; service?: string; quota?: number; unit?: string; frequency?: string; description?: string };
  switch (x.kind) {
    case 'cash':
      return `现金 ${x.monthly_fen}（分/月）`;
    case 'service_credit':
      return `服务补贴 ${x.monthly_fen}（分/月）`;
    case 'in_kind':
      return `${x.service} ${x.quota}${x.unit}/${x.frequency === 'monthly' ? '月' : x.frequency === 'yearly' ? '年' : '次'}`;
    default:
      return x.description ?? '';
  }
}

export function ItemsTable({ items, showCondition = true }: { items: Array<Record<string, unknown>> | ItemRow[]; showCondition?: boolean }) {
  const rows = items as unknown as ItemRow[];
  return (
    <Table<ItemRow>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 1100 }}
      data-testid="catalogue-items"
      expandable={showCondition ? { expandedRowRender: (r) => <Typography.Text code>{r.eligibility}</Typography.Text>, rowExpandable: (r) => !!r.eligibility } : undefined}
      columns={[
        { title: t('catalogue.code'), dataIndex: 'code', width: 90 },
        { title: t('catalogue.name'), dataIndex: 'name', width: 140 },
        { title: t('catalogue.targetGroup'), dataIndex: 'target_group', width: 160 },
        { title: t('catalogue.content'), dataIndex: 'content' },
        { title: t('catalogue.serviceTypes'), dataIndex: 'service_types', width: 110, render: (s: string[]) => s.map((x) => <Tag key={x}>{t(`catalogue.serviceTypeLabels.${x}` as MessageKey)}</Tag>) },
        { title: t('catalogue.departments'), dataIndex: 'departments', width: 140, render: (d: string[]) => d.join('、') },
        { title: t('catalogue.benefit'), dataIndex: 'benefit', width: 160, render: (b: unknown) => benefitLabel(b) },
        { title: t('catalogue.citation'), dataIndex: 'citation', width: 140 },
      ]}
    />
  );
}
