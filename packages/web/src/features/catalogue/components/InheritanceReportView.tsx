/** Publish check: does the list contain every item of the list above, no narrower, no lower? */
import { Alert, List, Spin, Tag, Typography } from 'antd';
import { useInheritanceCheck } from '../api';
import { t } from '@/i18n/t';

const COLOUR = { missing: 'red', narrower: 'orange', lower: 'orange', unproven: 'gold' } as const;

export function InheritanceReportView({ id }: { id: string }) {
  const r = useInheritanceCheck(id, true);
  if (r.isError) return <Alert type="error" showIcon message={(r.error as Error).message} />;
  if (!r.data) return <Spin />;
  const d = r.data;
  if (d.ok) return <Alert type="success" showIcon message={t('catalogue.checkOk', { parent: d.parent_pack ?? '—', n: d.checked_items })} data-testid="catalogue-check-result" />;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="catalogue-check-result"
      message={t('catalogue.checkFailed', { parent: d.parent_pack ?? '' })}
      description={
        <List
          size="small"
          dataSource={d.findings}
          renderItem={(f) => (
            <List.Item>
              <div>
                <Tag color={COLOUR[f.problem]}>{t(`catalogue.problems.${f.problem}`)}</Tag>
                {f.message}
                {f.example ? <Typography.Text type="secondary"> {t('catalogue.example')}：{JSON.stringify(f.example)}</Typography.Text> : null}
              </div>
            </List.Item>
          )}
        />
      }
    />
  );
}
