/** Facts as a timeline: value, validity period, source department, batch/user, superseded marks. */
import type { FactRecord } from '@yiyang/core';
import { Tag, Timeline, Typography } from 'antd';
import { t } from '@/i18n/t';
import { formatDateTime } from '@/ui/format';
import { factLabel, sourceLabel, valueLabel } from '../labels';
import { RegionName } from './RegionName';

export function FactTimeline({ items }: { items: FactRecord[] }) {
  const sorted = [...items].sort((a, b) => (a.valid_from === b.valid_from ? b.id - a.id : a.valid_from < b.valid_from ? 1 : -1));
  return (
    <Timeline
      data-testid="fact-timeline"
      items={sorted.map((f) => ({
        color: f.superseded_at ? 'gray' : 'blue',
        children: (
          <div data-testid="fact-item">
            <Typography.Text strong delete={!!f.superseded_at}>
              {factLabel(f.fact)}：{f.fact === 'residence_region' || f.fact === 'hukou_region' ? <RegionName code={String(f.value)} /> : valueLabel(f.fact, f.value)}
            </Typography.Text>{' '}
            {f.superseded_at ? <Tag>{t('persons.superseded')}</Tag> : <Tag color="blue">{t('persons.current')}</Tag>}
            <div>
              <Typography.Text type="secondary">
                {t('persons.validFrom')} {f.valid_from} {f.valid_to ? `${t('persons.validTo')} ${f.valid_to}` : ''} · {t('persons.source')}：
                {f.source_department ? sourceLabel(f.source_department) : f.source_type === 'user' ? sourceLabel('staff') : sourceLabel(f.source_type)}
                {f.source_ref ? ` · ${t('persons.sourceRef')} ${f.source_ref.slice(0, 8)}` : ''} · {t('persons.recordedAt')} {formatDateTime(f.recorded_at)}
              </Typography.Text>
            </div>
          </div>
        ),
      }))}
    />
  );
}
