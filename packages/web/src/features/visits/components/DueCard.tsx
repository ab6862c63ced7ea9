/** One person still to visit, as a large tappable card (phone page). */
import { RightOutlined, WarningOutlined } from '@ant-design/icons';
import type { VisitDueItem } from '@yiyang/core';
import { Badge, Card, Flex, Typography, theme } from 'antd';
import { t } from '@/i18n/t';
import { LAYOUT } from '@/ui/theme';
import { TagList } from './TagList';

export function DueCard({ item, onOpen }: { item: VisitDueItem; onOpen: (item: VisitDueItem) => void }) {
  const { token } = theme.useToken();
  return (
    <Card
      size="small"
      hoverable
      role="button"
      tabIndex={0}
      onClick={() => onOpen(item)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') onOpen(item);
      }}
      data-testid={`due-card-${item.person_id}`}
      style={{ minHeight: LAYOUT.touchTarget * 2 }}
    >
      <Flex justify="space-between" align="center" gap="middle">
        <Flex vertical gap={token.marginXXS} style={{ minWidth: 0 }}>
          <Flex align="baseline" gap="small" wrap>
            <Typography.Text strong style={{ fontSize: token.fontSizeHeading4 }} data-testid="due-card-name">
              {item.name ?? '—'}
            </Typography.Text>
            <Typography.Text type="secondary">{item.age !== null ? `${item.age}岁` : ''}</Typography.Text>
            {item.open_alerts > 0 ? <Badge count={<WarningOutlined style={{ color: token.colorError }} />} title={t('visits.mine.openAlerts', { n: item.open_alerts })} /> : null}
          </Flex>
          <TagList tags={item.tags} />
          <Typography.Text type="secondary">
            {[item.region_name, item.grid].filter(Boolean).join(' · ')} · {t(`visits.frequency.${item.frequency}`)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {item.last_visited_on ? t('visits.mine.lastVisited', { date: item.last_visited_on }) : t('visits.mine.neverVisited')}
            {item.failed_attempts > 0 ? ` · ${t('visits.mine.failed', { n: item.failed_attempts })}` : ''}
          </Typography.Text>
        </Flex>
        <RightOutlined style={{ fontSize: token.fontSizeLG, color: token.colorTextSecondary }} />
      </Flex>
    </Card>
  );
}
