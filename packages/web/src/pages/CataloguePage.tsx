/** 基本养老服务清单 — versions by region, items, parameter status, approval actions, publish check and diff. */
import type { CatalogueVersionSummary } from '@yiyang/core';
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Flex, Input, InputNumber, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSession } from '@/features/auth/session';
import { useCatalogueMutations, useCatalogueVersion, useCatalogueVersions } from '@/features/catalogue/api';
import { DiffView } from '@/features/catalogue/components/DiffView';
import { InheritanceReportView } from '@/features/catalogue/components/InheritanceReportView';
import { ItemsTable } from '@/features/catalogue/components/ItemsTable';
import { ParameterStatusTable } from '@/features/catalogue/components/ParameterStatusTable';
import { t } from '@/i18n/t';
import { DateTimeText } from '@/ui/DisplayText';
import { showSuccess } from '@/ui/feedback';
import { PageContainer } from '@/ui/PageContainer';

const STATUS_COLOUR: Record<string, string> = { draft: 'default', proposed: 'gold', approved: 'blue', published: 'green', superseded: 'default', withdrawn: 'default' };

export function StatusTag({ status }: { status: CatalogueVersionSummary['status'] }) {
  return <Tag color={STATUS_COLOUR[status]}>{t(`catalogue.statuses.${status}`)}</Tag>;
}

export function CataloguePage() {
  const { can } = useSession();
  const versions = useCatalogueVersions();
  const [selected, setSelected] = useState<string | null>(null);
  const [compareWith, setCompareWith] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [docNo, setDocNo] = useState('');
  const [effective, setEffective] = useState(dayjs().format('YYYY-MM-DD'));
  const [param, setParam] = useState<{ name: string; value: number | null; from: string } | null>(null);
  const detail = useCatalogueVersion(selected);
  const m = useCatalogueMutations();
  const v = detail.data;
  const all = versions.data?.items ?? [];
  const siblings = v ? all.filter((x) => x.pack_code === v.pack_code && x.id !== v.id) : [];

  const columns: ColumnsType<CatalogueVersionSummary> = [
    { title: t('catalogue.pack'), key: 'name', render: (_, r) => <Typography.Text strong>{r.name}</Typography.Text> },
    { title: t('catalogue.level'), dataIndex: 'level', key: 'level', render: (l: CatalogueVersionSummary['level']) => t(`catalogue.levels.${l}`) },
    { title: t('catalogue.versionNo'), dataIndex: 'version_no', key: 'no', render: (n: number) => t('catalogue.version', { n }) },
    { title: t('catalogue.status'), dataIndex: 'status', key: 'status', render: (s: CatalogueVersionSummary['status']) => <StatusTag status={s} /> },
    { title: t('catalogue.documentNumber'), dataIndex: 'document_number', key: 'doc' },
    { title: t('catalogue.effectiveFrom'), dataIndex: 'effective_from', key: 'from' },
  ];

  async function act(action: 'propose' | 'approve' | 'return') {
    if (!v) return;
    await m.transition.mutateAsync({ id: v.id, action, version: v.version });
    showSuccess(t('catalogue.done'));
  }

  return (
    <PageContainer title={t('catalogue.title')} description={t('catalogue.description')} testId="catalogue-page">
      <Flex gap="middle" align="flex-start" wrap>
        <Card title={t('catalogue.history')} size="small" style={{ flex: '1 1 420px', maxWidth: 640 }}>
          <Table<CatalogueVersionSummary>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={all}
            loading={versions.isFetching}
            pagination={false}
            onRow={(r) => ({ onClick: () => { setSelected(r.id); setCompareWith(null); setChecking(false); }, style: { cursor: 'pointer' }, 'data-testid': `catalogue-version-${r.pack_code}-${r.version_no}` } as React.HTMLAttributes<HTMLElement>)}
            rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
            data-testid="catalogue-versions"
          />
        </Card>
        <Flex vertical gap="middle" style={{ flex: '2 1 640px', minWidth: 0 }}>
          {!v ? (
            <Card size="small"><Empty description={t('catalogue.selectVersion')} /></Card>
          ) : (
            <>
              <Card
                size="small"
                title={<Space>{v.name}<StatusTag status={v.status} />{t('catalogue.version', { n: v.version_no })}</Space>}
                extra={
                  <Space wrap>
                    {can('catalogue:write') && (v.status === 'published') ? (
                      <Button onClick={async () => { const d = await m.createDraft.mutateAsync({ pack_code: v.pack_code }); setSelected(d.id); showSuccess(t('catalogue.done')); }} data-testid="catalogue-create-draft">{t('catalogue.createDraft')}</Button>
                    ) : null}
                    {can('catalogue:write') && v.status === 'draft' ? <Button type="primary" onClick={() => act('propose')} data-testid="catalogue-propose">{t('catalogue.propose')}</Button> : null}
                    {can('catalogue:approve') && v.status === 'proposed' ? <Button type="primary" onClick={() => act('approve')} data-testid="catalogue-approve">{t('catalogue.approve')}</Button> : null}
                    {can('catalogue:write') && (v.status === 'proposed' || v.status === 'approved') ? <Button onClick={() => act('return')} data-testid="catalogue-return">{t('catalogue.returnDraft')}</Button> : null}
                    {v.status !== 'published' && v.status !== 'superseded' ? <Button onClick={() => setChecking(true)} data-testid="catalogue-check">{t('catalogue.check')}</Button> : null}
                    {can('catalogue:publish') && v.status === 'approved' ? <Button type="primary" onClick={() => setPublishing(true)} data-testid="catalogue-publish">{t('catalogue.publish')}</Button> : null}
                  </Space>
                }
                data-testid="catalogue-detail"
              >
                <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
                  <Descriptions.Item label={t('catalogue.level')}>{t(`catalogue.levels.${v.level}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('catalogue.documentNumber')}>{v.document_number}</Descriptions.Item>
                  <Descriptions.Item label={t('catalogue.effectiveFrom')}>{v.effective_from}</Descriptions.Item>
                  <Descriptions.Item label={t('catalogue.createdBy')}>{v.created_by} <DateTimeText iso={v.created_at} /></Descriptions.Item>
                  {v.proposed_by ? <Descriptions.Item label={t('catalogue.proposedBy')}>{v.proposed_by} <DateTimeText iso={v.proposed_at} /></Descriptions.Item> : null}
                  {v.approved_by ? <Descriptions.Item label={t('catalogue.approvedBy')}>{v.approved_by} <DateTimeText iso={v.approved_at} /></Descriptions.Item> : null}
                  {v.published_by ? <Descriptions.Item label={t('catalogue.publishedBy')}>{v.published_by} <DateTimeText iso={v.published_at} /></Descriptions.Item> : null}
                </Descriptions>
                {v.compile_issues.length ? (
                  <Alert type="error" showIcon message={t('catalogue.compileIssues')} description={<List size="small" dataSource={v.compile_issues} renderItem={(i) => <List.Item>{i.path} {i.message}</List.Item>} />} />
                ) : null}
              </Card>
              {checking ? <InheritanceReportView id={v.id} /> : null}
              <Card size="small" title={t('catalogue.items')}>
                <ItemsTable items={v.resolved_items} />
              </Card>
              <Card size="small" title={t('catalogue.parameters')}>
                <ParameterStatusTable
                  rows={v.parameter_status}
                  onSet={can('catalogue:write') && v.status === 'draft' ? (name, value) => setParam({ name, value, from: dayjs().format('YYYY-MM-DD') }) : undefined}
                />
              </Card>
              <Card size="small" title={t('catalogue.diff')} extra={
                <Select<string>
                  allowClear
                  placeholder={t('catalogue.compareWith')}
                  style={{ width: 220 }}
                  value={compareWith ?? undefined}
                  onChange={(x) => setCompareWith(x ?? null)}
                  options={siblings.map((s) => ({ value: s.id, label: `${t('catalogue.version', { n: s.version_no })} ${t(`catalogue.statuses.${s.status}`)}` }))}
                  data-testid="catalogue-compare"
                />
              }>
                {compareWith ? <DiffView from={compareWith} to={v.id} /> : <Typography.Text type="secondary">{t('catalogue.compareWith')}</Typography.Text>}
              </Card>
            </>
          )}
        </Flex>
      </Flex>
      <Modal
        open={publishing}
        title={t('catalogue.publish')}
        okButtonProps={{ disabled: docNo.trim().length < 2, loading: m.publish.isPending, ...({ 'data-testid': 'catalogue-publish-ok' } as object) }}
        onCancel={() => setPublishing(false)}
        onOk={async () => {
          if (!v) return;
          await m.publish.mutateAsync({ id: v.id, version: v.version, document_number: docNo.trim(), effective_from: effective });
          showSuccess(t('catalogue.done'));
          setPublishing(false);
        }}
      >
        <Flex vertical gap="small">
          <Input placeholder={t('catalogue.documentNumber')} value={docNo} onChange={(e) => setDocNo(e.target.value)} data-testid="catalogue-doc-number" />
          <DatePicker value={dayjs(effective)} onChange={(d) => d && setEffective(d.format('YYYY-MM-DD'))} placeholder={t('catalogue.effectiveFrom')} />
        </Flex>
      </Modal>
      <Modal
        open={!!param}
        title={`${t('catalogue.setParameter')} ${param?.name ?? ''}`}
        onCancel={() => setParam(null)}
        onOk={async () => {
          if (!v || !param) return;
          await m.setParameter.mutateAsync({ id: v.id, name: param.name, version: v.version, from: param.from, value: param.value });
          showSuccess(t('catalogue.done'));
          setParam(null);
        }}
      >
        {param ? (
          <Flex vertical gap="small">
            <InputNumber style={{ width: '100%' }} value={param.value} onChange={(x) => setParam({ ...param, value: x === null ? null : Number(x) })} placeholder={t('catalogue.value')} />
            <DatePicker value={dayjs(param.from)} onChange={(d) => d && setParam({ ...param, from: d.format('YYYY-MM-DD') })} placeholder={t('catalogue.parameterFrom')} />
          </Flex>
        ) : null}
      </Modal>
    </PageContainer>
  );
}
