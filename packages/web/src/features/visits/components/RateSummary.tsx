/** The visit rate of a scope as a big figure with a progress bar (visited ÷ due). */
import type { VisitRate } from '@yiyang/core';
import { Card, Flex, Progress, Typography } from 'antd';
import { t } from '@/i18n/t';

export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(Math.floor(rate * 1000) / 10).toFixed(1)}%`;
}

export function RateSummary({ rate, title, testId }: { rate: VisitRate | undefined; title: string; testId: string }) {
  return (
    <Card size="small" data-testid={testId}>
      <Flex vertical gap="small">
        <Typography.Text type="secondary">{title}</Typography.Text>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid={`${testId}-value`}>
          {formatRate(rate?.rate)}
        </Typography.Title>
        <Progress percent={rate?.rate ? Math.floor(rate.rate * 1000) / 10 : 0} showInfo={false} />
        <Typography.Text data-testid={`${testId}-detail`} data-visited={rate?.visited ?? ''} data-due={rate?.due ?? ''}>
          {t('visits.mine.rateDetail', { visited: rate?.visited ?? 0, due: rate?.due ?? 0 })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
