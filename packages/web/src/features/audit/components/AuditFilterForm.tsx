import { DatePicker, Form, Input, Select, Button, Flex } from 'antd';
import type { Dayjs } from 'dayjs';
import { zhCN } from '@/i18n/zh-CN';
import { t } from '@/i18n/t';
import { LAYOUT } from '@/ui/theme';
import type { AuditFilters } from '../api';

export interface AuditFilterFormProps {
  onSearch: (filters: AuditFilters) => void;
}

interface AuditFilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  outcome?: 'success' | 'failure';
}

export function AuditFilterForm({ onSearch }: AuditFilterFormProps) {
  const [form] = Form.useForm<AuditFilterValues>();

  function handleFinish(v: AuditFilterValues) {
    const [from, to] = v.range ?? [];
    onSearch({
      from: from ? from.format('YYYY-MM-DD') : undefined,
      to: to ? to.format('YYYY-MM-DD') : undefined,
      actor: v.actor?.trim() || undefined,
      action: v.action || undefined,
      outcome: v.outcome,
    });
  }

  return (
    <Form<AuditFilterValues> form={form} layout="inline" onFinish={handleFinish} data-testid="audit-filters">
      <Flex gap="small" wrap>
        <Form.Item name="range" label={t('audit.dateRange')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="audit-filter-range" />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: LAYOUT.filterControlWidth }} data-testid="audit-filter-actor" />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.actionPlaceholder')}
            style={{ width: LAYOUT.filterControlWidth }}
            options={Object.entries(zhCN.auditActions).map(([value, label]) => ({ value, label }))}
            data-testid="audit-filter-action"
          />
        </Form.Item>
        <Form.Item name="outcome" label={t('audit.outcome')}>
          <Select<'success' | 'failure'>
            allowClear
            placeholder={t('common.all')}
            style={{ width: LAYOUT.filterControlWidth / 2 }}
            options={[
              { value: 'success', label: t('audit.success') },
              { value: 'failure', label: t('audit.failure') },
            ]}
            data-testid="audit-filter-outcome"
          />
        </Form.Item>
        <Form.Item>
          <Flex gap="small">
            <Button type="primary" htmlType="submit" data-testid="audit-search">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                onSearch({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Flex>
        </Form.Item>
      </Flex>
    </Form>
  );
}
