import { ASSESSMENT_ACTION_LABELS, ASSESSMENT_STATUS_LABELS, type AssessmentStatus } from '@yiyang/core';
import { Card, Timeline, Typography } from 'antd';
import { t } from '@/i18n/t';
import { formatDateTime } from '@/ui/format';
import { useAssessmentActions } from '../api';

const ACTION_LABELS: Record<string, string> = { ...ASSESSMENT_ACTION_LABELS, needed_by: '其他业务需要评估', dispute_published: '复评结果已发布' };

export function ActionLog({ id }: { id: string }) {
  const log = useAssessmentActions(id);
  return (
    <Card size="small" title={t('assessment.log')} loading={log.isLoading} data-testid="assessment-log">
      <Timeline
        items={(log.data?.items ?? []).map((a) => ({
          key: a.id,
          children: (
            <div>
              <Typography.Text strong>{ACTION_LABELS[a.action] ?? a.action}</Typography.Text>
              {a.to_status && a.to_status !== a.from_status ? <Typography.Text type="secondary"> → {ASSESSMENT_STATUS_LABELS[a.to_status as AssessmentStatus] ?? a.to_status}</Typography.Text> : null}
              <div>
                <Typography.Text type="secondary">
                  {a.actor_name} · {formatDateTime(a.at)}
                </Typography.Text>
              </div>
              {a.comment ? <Typography.Paragraph style={{ margin: 0 }}>{a.comment}</Typography.Paragraph> : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
