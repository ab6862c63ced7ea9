/** 探访预警 — danger found, repeatedly not reached, overdue: with deadlines, resolved on site or by hand. */
import type { VisitAlert } from '@yiyang/core';
import { Button, Card, Checkbox, Flex, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSession } from '@/features/auth/session';
import { useAlerts, useResolveAlert } from '@/features/visits/api';
import { t } from '@/i18n/t';
import { DateTimeText } from '@/ui/DisplayText';
import { showSuccess } from '@/ui/feedback';
import { PageContainer } from '@/ui/PageContainer';
import { LAYOUT } from '@/ui/theme';

type Kind = VisitAlert['kind'];
const KIND_COLOUR: Record<Kind, string> = { danger: 'red', unreachable: 'orange', overdue: 'gold' };

export function VisitAlertsPage() {
  const { can } = useSession();
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [kind, setKind] = useState<Kind | undefined>();
  const [page, setPage] = useState(1);
  const [resolving, setResolving] = useState<VisitAlert | null>(null);
  const [resolution, setResolution] = useState('');
  const alerts = useAlerts({ status: onlyOpen ? 'open' : undefined, kind, page, page_size: 20 });
  const resolve = useResolveAlert();

  const columns: ColumnsType<VisitAlert> = [
    { title: t('visits.alerts.kind'), dataIndex: 'kind', key: 'kind', render: (k: Kind) => <Tag color={KIND_COLOUR[k]}>{t(`visits.alerts.kinds.${k}`)}</Tag> },
    { title: t('visits.alerts.person'), dataIndex: 'person_name', key: 'person' },
    { title: t('visits.alerts.region'), dataIndex: 'region_name', key: 'region' },
    { title: t('visits.alerts.reason'), dataIndex: 'reason', key: 'reason' },
    { title: t('visits.alerts.raisedAt'), dataIndex: 'raised_at', key: 'raised', render: (v: string) => <DateTimeText iso={v} /> },
    {
      title: t('visits.alerts.deadline'),
      dataIndex: 'deadline_at',
      key: 'deadline',
      render: (v: string, a) => (
        <Flex gap="small" align="center">
          <DateTimeText iso={v} />
          {a.overdue ? <Tag color="red">{t('visits.alerts.overdue')}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('visits.alerts.status'),
      dataIndex: 'status',
      key: 'status',
      render: (s: VisitAlert['status'], a) => (s === 'open' ? <Tag>{t('visits.alerts.statuses.open')}</Tag> : <Typography.Text type="secondary">{a.resolution ?? t('visits.alerts.statuses.resolved')}</Typography.Text>),
    },
    ...(can('visits:assign')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, a: VisitAlert) =>
              a.status === 'open' ? (
                <Button size="small" onClick={() => setResolving(a)} data-testid={`alert-resolve-${a.id}`}>
                  {t('visits.alerts.resolve')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <PageContainer title={t('visits.alerts.title')} description={t('visits.alerts.description')} testId="visit-alerts-page">
      <Card>
        <Flex vertical gap="middle">
          <Flex gap="middle" wrap align="center">
            <Select<Kind>
              allowClear
              placeholder={t('visits.alerts.kind')}
              value={kind}
              onChange={(v) => {
                setKind(v);
                setPage(1);
              }}
              options={(['danger', 'unreachable', 'overdue'] as const).map((k) => ({ value: k, label: t(`visits.alerts.kinds.${k}`) }))}
              style={{ width: LAYOUT.filterControlWidth }}
            />
            <Checkbox checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)}>
              {t('visits.alerts.onlyOpen')}
            </Checkbox>
          </Flex>
          <Table<VisitAlert>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={alerts.data?.items ?? []}
            loading={alerts.isFetching}
            pagination={{ current: page, pageSize: 20, total: alerts.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            data-testid="visit-alerts-table"
          />
        </Flex>
      </Card>
      <Modal
        open={!!resolving}
        title={t('visits.alerts.resolve')}
        okButtonProps={{ disabled: resolution.trim().length < 2, loading: resolve.isPending }}
        onCancel={() => setResolving(null)}
        onOk={async () => {
          if (!resolving) return;
          await resolve.mutateAsync({ id: resolving.id, resolution, version: resolving.version });
          showSuccess(t('visits.alerts.resolved'));
          setResolving(null);
          setResolution('');
        }}
      >
        <Input.TextArea value={resolution} onChange={(e) => setResolution(e.target.value)} placeholder={t('visits.alerts.resolution')} autoSize={{ minRows: 3 }} maxLength={500} />
      </Modal>
    </PageContainer>
  );
}
