/**
 * 发放管理 — the monthly cycle wizard: compute → review (diff against last month, blocked and
 * stopped people with reasons, recoveries) → finance approval (maker-checker) → bank roster
 * download → bank return import and re-issue → close; plus the 公示 list.
 */
import type { CycleDetail } from '@yiyang/core';
import { Alert, Button, Card, Descriptions, Flex, Input, Select, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSession } from '@/features/auth/session';
import { useProgrammes } from '@/features/benefits/api';
import { publicUrl, rosterUrl, useApprove, useCloseCycle, useCreateCycle, useCycle, useCycles, useImportReturn, useReissue, useReview } from '@/features/payroll/api';
import { isApiError } from '@/lib/api';
import { t } from '@/i18n/t';
import { showSuccess } from '@/ui/feedback';
import { formatMoney } from '@/ui/format';
import { PageContainer } from '@/ui/PageContainer';

const STEP_OF: Record<CycleDetail['status'], number> = { computing: 0, computed: 1, approved: 2, exported: 3, returned: 4, closed: 5 };

function thisMonth(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return d.toISOString().slice(0, 7);
}

export function PayrollPage() {
  const { me, can } = useSession();
  const county = me.org.region_code.slice(0, 6);
  const programmes = useProgrammes(county);
  const [programme, setProgramme] = useState<string | undefined>();
  const [month, setMonth] = useState(thisMonth());
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cycles = useCycles({ page: 1, page_size: 50 });
  const create = useCreateCycle();
  const cash = (programmes.data?.items ?? []).filter((p) => p.benefit_kind === 'cash');

  const columns: ColumnsType<CycleDetail> = [
    { title: t('payroll.month'), dataIndex: 'month', key: 'month' },
    { title: t('payroll.programme'), key: 'programme', render: (_, c) => `${c.programme_name ?? ''} ${c.programme}` },
    { title: t('payroll.status'), dataIndex: 'status', key: 'status', render: (s: CycleDetail['status']) => <Tag>{t(`payroll.statuses.${s}`)}</Tag> },
    { title: t('payroll.count'), dataIndex: 'payment_count', key: 'count' },
    { title: t('payroll.total'), dataIndex: 'total_fen', key: 'total', render: (v: number) => formatMoney(v) },
    { title: t('common.actions'), key: 'open', render: (_, c) => <Button size="small" onClick={() => setSelected(c.id)} data-testid={`cycle-open-${c.month}-${c.programme}`}>{t('payroll.open')}</Button> },
  ];

  return (
    <PageContainer title={t('payroll.title')} description={t('payroll.description')} testId="payroll-page">
      <Flex vertical gap="middle">
        {can('payroll:prepare') ? (
          <Card title={t('payroll.create')}>
            <Space wrap>
              <Select style={{ width: 260 }} placeholder={t('payroll.programme')} value={programme} onChange={setProgramme} options={cash.map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }))} data-testid="cycle-programme" />
              <Input style={{ width: 120 }} value={month} onChange={(e) => setMonth(e.target.value)} placeholder="YYYY-MM" data-testid="cycle-month" />
              <Button
                type="primary"
                disabled={!programme}
                loading={create.isPending}
                data-testid="cycle-compute"
                onClick={async () => {
                  setError(null);
                  try {
                    const c = await create.mutateAsync({ region: county, programme: programme!, month });
                    setSelected(c.id);
                    showSuccess(t('payroll.computed', { count: c.payment_count }));
                  } catch (e) {
                    setError(isApiError(e) ? e.message : String(e));
                  }
                }}
              >
                {t('payroll.compute')}
              </Button>
            </Space>
          </Card>
        ) : null}
        {error ? <Alert type="error" message={error} showIcon closable onClose={() => setError(null)} data-testid="payroll-error" /> : null}
        {selected ? <CycleWizard id={selected} onError={setError} /> : null}
        <Card title={t('payroll.cycles')}>
          <Table<CycleDetail> rowKey="id" size="small" columns={columns} dataSource={cycles.data?.items ?? []} loading={cycles.isFetching} pagination={false} data-testid="cycles-table" />
        </Card>
      </Flex>
    </PageContainer>
  );
}

function CycleWizard({ id, onError }: { id: string; onError: (m: string | null) => void }) {
  const { can } = useSession();
  const cycle = useCycle(id);
  const review = useReview(id);
  const approve = useApprove();
  const importReturn = useImportReturn();
  const reissue = useReissue();
  const close = useCloseCycle();
  const c = cycle.data;
  if (!c) return null;
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    onError(null);
    try {
      await fn();
      showSuccess(ok);
    } catch (e) {
      onError(isApiError(e) ? e.message : String(e));
    }
  };
  const diff = review.data?.items ?? [];
  return (
    <Card title={`${c.programme_name ?? c.programme} · ${c.month}`} data-testid="cycle-wizard">
      <Flex vertical gap="middle">
        <Steps
          current={STEP_OF[c.status]}
          items={(['compute', 'review', 'approve', 'roster', 'return', 'close'] as const).map((k) => ({ title: t(`payroll.steps.${k}`) }))}
        />
        <Flex gap="large" wrap>
          <Statistic title={t('payroll.status')} value={t(`payroll.statuses.${c.status}`)} valueStyle={{ fontSize: 18 }} />
          <Statistic title={t('payroll.count')} value={c.payment_count} />
          <Statistic title={t('payroll.total')} value={formatMoney(c.total_fen)} />
          <Statistic title={t('payroll.arrears')} value={c.arrears_count} />
          <Statistic title={t('payroll.recoveries')} value={formatMoney(c.recovery_fen)} />
          <Statistic title={t('payroll.paid')} value={c.paid_count} />
          <Statistic title={t('payroll.failed')} value={c.failed_count} />
        </Flex>
        <Typography.Title level={5}>{t('payroll.reviewTitle')}</Typography.Title>
        <Table
          rowKey={(r) => `${r.person_id}-${r.change}`}
          size="small"
          data-testid="cycle-review"
          pagination={{ pageSize: 10 }}
          dataSource={diff}
          columns={[
            { title: t('payroll.name'), dataIndex: 'name' },
            { title: t('payroll.change'), dataIndex: 'change', render: (v: 'new' | 'stopped' | 'changed') => <Tag color={v === 'new' ? 'green' : v === 'stopped' ? 'red' : 'gold'}>{t(`payroll.changes.${v}`)}</Tag> },
            { title: t('payroll.before'), dataIndex: 'before_fen', render: (v: number | null) => (v === null ? '—' : formatMoney(v)) },
            { title: t('payroll.after'), dataIndex: 'after_fen', render: (v: number | null) => (v === null ? '—' : formatMoney(v)) },
            { title: t('payroll.reason'), dataIndex: 'reason' },
          ]}
        />
        {review.data && review.data.skipped.length > 0 ? (
          <Descriptions size="small" column={1} title={t('payroll.skipped')} bordered items={review.data.skipped.slice(0, 10).map((s) => ({ key: s.person_id, label: s.name, children: s.reason }))} />
        ) : null}
        <Space wrap>
          {can('payroll:approve') ? (
            <Button type="primary" disabled={c.status !== 'computed'} loading={approve.isPending} data-testid="cycle-approve" onClick={() => run(() => approve.mutateAsync(id), t('payroll.approved'))}>
              {t('payroll.approve')}
            </Button>
          ) : null}
          {can('payroll:prepare') ? (
            <>
              <Button href={rosterUrl(id)} disabled={!['approved', 'exported', 'returned'].includes(c.status)} data-testid="cycle-roster" onClick={() => setTimeout(() => void cycle.refetch(), 1500)}>
                {t('payroll.roster')}
              </Button>
              <Upload accept=".csv,.xlsx" showUploadList={false} disabled={!['exported', 'returned'].includes(c.status)} beforeUpload={(file) => { void run(() => importReturn.mutateAsync({ id, file }), t('payroll.returnImported')); return false; }}>
                <Button disabled={!['exported', 'returned'].includes(c.status)} data-testid="cycle-return">{t('payroll.importReturn')}</Button>
              </Upload>
              <Button disabled={c.status !== 'returned' || c.failed_count === 0} data-testid="cycle-reissue" onClick={() => run(() => reissue.mutateAsync(id), t('payroll.reissued'))}>
                {t('payroll.reissue')}
              </Button>
              <Button disabled={c.status !== 'returned'} data-testid="cycle-close" onClick={() => run(() => close.mutateAsync(id), t('payroll.closed'))}>
                {t('payroll.close')}
              </Button>
            </>
          ) : null}
          <Button href={publicUrl(id)} disabled={c.status === 'computing'} data-testid="cycle-public">{t('payroll.publicList')}</Button>
        </Space>
      </Flex>
    </Card>
  );
}
