/** Parameter status: unset and expired parameters are flagged (they block payment). */
import { Button, Table, Tag } from 'antd';
import { t } from '@/i18n/t';

export interface ParameterRow {
  name: string;
  label: string;
  value: number | null;
  status: 'set' | 'unset' | 'expired';
}

const COLOUR = { set: 'green', unset: 'red', expired: 'orange' } as const;

export function ParameterStatusTable({ rows, onSet }: { rows: ParameterRow[]; onSet?: ((name: string, value: number | null) => void) | undefined }) {
  return (
    <Table<ParameterRow>
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="catalogue-parameters"
      columns={[
        { title: t('catalogue.parameter'), dataIndex: 'label' },
        { title: t('catalogue.value'), dataIndex: 'value', render: (v: number | null) => (v === null ? '—' : v) },
        { title: t('catalogue.status'), dataIndex: 'status', render: (s: ParameterRow['status']) => <Tag color={COLOUR[s]}>{t(`catalogue.parameterStatuses.${s}`)}</Tag> },
        ...(onSet ? [{ title: '', key: 'set', render: (_: unknown, r: ParameterRow) => <Button size="small" onClick={() => onSet(r.name, r.value)} data-testid={`parameter-set-${r.name}`}>{t('catalogue.setParameter')}</Button> }] : []),
      ]}
    />
  );
}
