/** 服务找人工作清单 — 应享未享 / 不应享而享, routed to the street of residence, with status tracking. */
import type { WorklistEntry } from '@yiyang/core';
import { Button, Card, Descriptions, Flex, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '@/features/auth/session';
import { useEligibilityMutations, useRuns, useWorklist } from '@/features/eligibility/api';
import { factsText } from '@/features/eligibility/components/ExplanationTable';
import { t } from '@/i18n/t';
import { DateTimeText } from '@/ui/DisplayText';
import { showSuccess } from '@/ui/feedback';
import { formatDateTime, formatMoney } from '@/ui/format';
import { PageContainer } from '@/ui/PageContainer';
import { LAYOUT } from '@/ui/theme';

type Kind = WorklistEntry['kind'];
type Status = WorklistEntry['status'];
const STATUS_COLOUR: Record<Status, string> = { open: 'red', in_progress: 'gold', resolved: 'green', dismissed: 'default' };

export function WorklistsPage() {
  const { can, me } = useSession() as ReturnType<typeof useSession> & { me?: { region_code?: string } };
  const [kind, setKind] = useState<Kind | undefined>('entitled_not_receiving');
  const [status, setStatus] = useState<Status | undefined>('open');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<WorklistEntry | null>(null);
  const [note, setNote] = useState('');
  const [next, setNext] = useState<Status>('in_progress');
  const list = useWorklist({ kind, status, page, page_size: 20 });
  const runs = useRuns();
  const m = useEligibilityMutations();
  const last = runs.data?.items.find((r) => r.kind === 'population');
  void me;

  const columns: ColumnsType<WorklistEntry> = [
    { title: t('eligibility.kind'), dataIndex: 'kind', key: 'kind', render: (k: Kind) => <Tag color={k === 'entitled_not_receiving' ? 'blue' : 'purple'}>{t(`eligibility.kinds.${k}`)}</Tag> },
    { title: t('eligibility.person'), key: 'person', render: (_, r) => <Link to={`/persons/${r.person_id}`}>{r.person_name ?? r.person_id.slice(0, 8)}</Link> },
    { title: t('eligibility.street'), key: 'street', render: (_, r) => r.street_name ?? r.street_code },
    { title: t('eligibility.item'), key: 'item', render: (_, r) => `${r.item_code} ${r.item_name}` },
    { title: t('eligibility.amount'), dataIndex: 'monthly_cash_fen', key: 'amount', render: (v: number | null) => (v === null ? '' : formatMoney(v)) },
    { title: t('eligibility.foundAt'), dataIndex: 'found_at', key: 'found', render: (v: string) => <DateTimeText iso={v} /> },
    { title: t('eligibility.status'), dataIndex: 'status', key: 'status', render: (s: Status) => <Tag color={STATUS_COLOUR[s]}>{t(`eligibility.statuses.${s}`)}</Tag> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Button size="small" onClick={() => { setOpen(r); setNote(r.note ?? ''); setNext(r.status === 'open' ? 'in_progress' : 'resolved'); }} data-testid={`worklist-open-${r.item_code}`}>
          {t('eligibility.explanation')}
        </Button>
      ),
    },
  ];

  const closing = next === 'resolved' || next === 'dismissed';
  return (
    <PageContainer
      title={t('eligibility.worklistTitle')}
      description={t('eligibility.worklistDescription')}
      testId="worklists-page"
      extra={can('eligibility:run') && runs.data ? (
        <Button onClick={async () => { const r = last?.region_code; if (r) { await m.run.mutateAsync({ region: r }); showSuccess(t('catalogue.done')); } }} loading={m.run.isPending} disabled={!last} data-testid="worklist-run">
          {t('eligibility.runNow')}
        </Button>
      ) : null}
    >
      <Card>
        <Flex vertical gap="middle">
          {last ? <Typography.Text type="secondary" data-testid="worklist-last-run">{t('eligibility.lastRun', { at: formatDateTime(last.finished_at ?? last.started_at), persons: last.persons, opened: last.opened, closed: last.closed })}</Typography.Text> : null}
          <Flex gap="middle" wrap>
            <Select<Kind> allowClear value={kind} placeholder={t('eligibility.kind')} style={{ width: LAYOUT.filterControlWidth }} onChange={(v) => { setKind(v); setPage(1); }}
              options={(['entitled_not_receiving', 'receiving_not_entitled'] as const).map((k) => ({ value: k, label: t(`eligibility.kinds.${k}`) }))} data-testid="worklist-kind" />
            <Select<Status> allowClear value={status} placeholder={t('eligibility.status')} style={{ width: LAYOUT.filterControlWidth }} onChange={(v) => { setStatus(v); setPage(1); }}
              options={(['open', 'in_progress', 'resolved', 'dismissed'] as const).map((k) => ({ value: k, label: t(`eligibility.statuses.${k}`) }))} data-testid="worklist-status" />
          </Flex>
          <Table<WorklistEntry>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            data-testid="worklist-table"
          />
        </Flex>
      </Card>
      <Modal
        open={!!open}
        width={760}
        title={open ? `${t(`eligibility.kinds.${open.kind}`)}：${open.person_name ?? ''} ${open.item_code} ${open.item_name}` : ''}
        onCancel={() => setOpen(null)}
        okText={t('eligibility.handle')}
        okButtonProps={{ disabled: !open || !can('worklists:write') || open.status === 'resolved' || open.status === 'dismissed' || (closing && note.trim().length < 2), loading: m.updateEntry.isPending, ...({ 'data-testid': 'worklist-save' } as object) }}
        onOk={async () => {
          if (!open) return;
          await m.updateEntry.mutateAsync({ id: open.id, version: open.version, status: next, note });
          showSuccess(t('catalogue.done'));
          setOpen(null);
        }}
      >
        {open ? (
          <Flex vertical gap="middle" data-testid="worklist-detail">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('catalogue.condition')}><Typography.Text code>{String(open.explanation.condition ?? '')}</Typography.Text></Descriptions.Item>
              <Descriptions.Item label={t('eligibility.facts')}>{factsText((open.explanation.facts ?? {}) as Record<string, unknown>)}</Descriptions.Item>
              <Descriptions.Item label={t('catalogue.citation')}>{String(open.explanation.citation ?? '')}</Descriptions.Item>
              <Descriptions.Item label={t('eligibility.amount')}>{open.monthly_cash_fen === null ? '' : formatMoney(open.monthly_cash_fen)}</Descriptions.Item>
            </Descriptions>
            {can('worklists:write') && (open.status === 'open' || open.status === 'in_progress') ? (
              <>
                <Select<Status> value={next} onChange={setNext} options={(['in_progress', 'resolved', 'dismissed'] as const).map((k) => ({ value: k, label: t(`eligibility.statuses.${k}`) }))} data-testid="worklist-next-status" />
                <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} placeholder={closing ? t('eligibility.noteRequired') : t('eligibility.note')} autoSize={{ minRows: 2 }} maxLength={1000} data-testid="worklist-note" />
              </>
            ) : null}
          </Flex>
        ) : null}
      </Modal>
    </PageContainer>
  );
}
