/**
 * 探访对象 — the roster of special-hardship elderly: filter by region, assign visitors one by one or
 * for a whole community/grid, record willingness (意愿) and relatives' contacts.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { RosterEntry } from '@yiyang/core';
import { Button, Card, Checkbox, Descriptions, Drawer, Flex, Form, Input, List, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSession } from '@/features/auth/session';
import { RegionTreeSelect } from '@/features/regions/components/RegionTreeSelect';
import { useAssign, useRoster, useRosterDetail, useUpdateRoster, useVisitors } from '@/features/visits/api';
import { TagList } from '@/features/visits/components/TagList';
import { t } from '@/i18n/t';
import { DateTimeText } from '@/ui/DisplayText';
import { showSuccess } from '@/ui/feedback';
import { PageContainer } from '@/ui/PageContainer';
import { LAYOUT } from '@/ui/theme';

type Willingness = RosterEntry['willingness'];
const NO_VISITOR = '__none__';

function RosterDetailDrawer({ personId, onClose }: { personId: string | undefined; onClose: () => void }) {
  const detail = useRosterDetail(personId);
  const update = useUpdateRoster();
  const [form] = Form.useForm<{ willingness: Willingness; contacts: Array<{ name: string; relation: string; phone?: string }> }>();
  const d = detail.data;
  return (
    <Drawer open={!!personId} onClose={onClose} width={LAYOUT.wideModalWidth / 1.5} title={d ? `${d.name ?? ''} · ${t('visits.roster.detail')}` : t('visits.roster.detail')} destroyOnHidden data-testid="roster-detail">
      {d ? (
        <Flex vertical gap="large">
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'tags', label: t('visits.roster.tags'), children: <TagList tags={d.tags} /> },
              { key: 'region', label: t('visits.roster.region'), children: [d.region_name, d.grid].filter(Boolean).join(' · ') },
              { key: 'freq', label: t('visits.roster.frequency'), children: `${t(`visits.frequency.${d.frequency}`)} · ${t(`visits.riskTier.${d.risk_tier}`)}` },
              { key: 'visitor', label: t('visits.roster.visitor'), children: d.visitor_name ?? t('visits.roster.unassigned') },
            ]}
          />
          <Form
            form={form}
            layout="vertical"
            initialValues={{ willingness: d.willingness, contacts: d.contacts.map((c) => ({ name: c.name, relation: c.relation })) }}
            onFinish={async (v) => {
              // A contact whose phone is left empty keeps the stored number (shown masked, never sent back).
              await update.mutateAsync({ personId: d.person_id, body: { willingness: v.willingness, contacts: v.contacts.map((c) => ({ name: c.name, relation: c.relation, ...(c.phone ? { phone: c.phone } : {}) })), version: d.version } });
              showSuccess(t('visits.roster.saved'));
            }}
          >
            <Form.Item name="willingness" label={t('visits.roster.willingness')}>
              <Select<Willingness> options={(['willing', 'declined', 'unknown'] as const).map((w) => ({ value: w, label: t(`visits.willingness.${w}`) }))} data-testid="roster-willingness" />
            </Form.Item>
            <Typography.Text strong>{t('visits.roster.contacts')}</Typography.Text>
            {d.contacts.map((c) => (
              <div key={`${c.name}${c.relation}`}>
                <Typography.Text type="secondary">
                  {c.name}（{c.relation}）{c.phone ?? ''}
                </Typography.Text>
              </div>
            ))}
            <Form.List name="contacts">
              {(fields, { add, remove }) => (
                <Flex vertical gap="small">
                  {fields.map((f) => (
                    <Flex key={f.key} gap="small" align="baseline">
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('common.required') }]} noStyle>
                        <Input placeholder={t('visits.roster.contactName')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'relation']} rules={[{ required: true, message: t('common.required') }]} noStyle>
                        <Input placeholder={t('visits.roster.contactRelation')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'phone']} noStyle>
                        <Input placeholder={t('visits.roster.contactPhone')} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Flex>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                    {t('visits.roster.addContact')}
                  </Button>
                </Flex>
              )}
            </Form.List>
            <Button type="primary" htmlType="submit" loading={update.isPending} style={{ marginTop: LAYOUT.touchTargetMin / 4 }} data-testid="roster-save">
              {t('visits.roster.save')}
            </Button>
          </Form>
          <List
            header={<Typography.Text strong>{t('visits.roster.visits')}</Typography.Text>}
            size="small"
            dataSource={d.visits}
            renderItem={(v) => (
              <List.Item>
                <Flex gap="small" wrap>
                  <DateTimeText iso={v.visited_at} />
                  <Tag>{t(`visits.modes.${v.mode}`)}</Tag>
                  {v.outcome === 'not_reached' ? <Tag color="orange">{t('visits.form.notReached')}</Tag> : null}
                  {v.danger ? <Tag color="red">{t('visits.conditions.danger')}</Tag> : null}
                  <Typography.Text type="secondary">{v.visitor_name}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </Flex>
      ) : null}
    </Drawer>
  );
}

export function VisitRosterPage() {
  const { me, can } = useSession();
  const [region, setRegion] = useState<string | undefined>();
  const [unassigned, setUnassigned] = useState(false);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [visitor, setVisitor] = useState<string | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const roster = useRoster({ region, unassigned: unassigned || undefined, page, page_size: 20 });
  const canAssign = can('visits:assign');
  const visitors = useVisitors(region ?? me.org.region_code, canAssign);
  const assign = useAssign();

  const columns: ColumnsType<RosterEntry> = [
    { title: t('visits.roster.name'), dataIndex: 'name', key: 'name', render: (v: string | null, r) => <a onClick={() => setOpen(r.person_id)}>{v ?? '—'}</a> },
    { title: t('visits.roster.age'), dataIndex: 'age', key: 'age' },
    { title: t('visits.roster.tags'), dataIndex: 'tags', key: 'tags', render: (v: string[]) => <TagList tags={v} /> },
    { title: t('visits.roster.region'), dataIndex: 'region_name', key: 'region' },
    { title: t('visits.roster.grid'), dataIndex: 'grid', key: 'grid' },
    { title: t('visits.roster.frequency'), dataIndex: 'frequency', key: 'frequency', render: (v: RosterEntry['frequency']) => t(`visits.frequency.${v}`) },
    { title: t('visits.roster.risk'), dataIndex: 'risk_tier', key: 'risk', render: (v: RosterEntry['risk_tier']) => <Tag color={v === 'high' ? 'red' : v === 'medium' ? 'orange' : 'default'}>{t(`visits.riskTier.${v}`)}</Tag> },
    { title: t('visits.roster.willingness'), dataIndex: 'willingness', key: 'willingness', render: (v: Willingness) => t(`visits.willingness.${v}`) },
    { title: t('visits.roster.visitor'), dataIndex: 'visitor_name', key: 'visitor', render: (v: string | null) => v ?? <Typography.Text type="warning">{t('visits.roster.unassigned')}</Typography.Text> },
    { title: t('visits.roster.lastVisited'), dataIndex: 'last_visited_on', key: 'last', render: (v: string | null) => v ?? '—' },
  ];

  async function doAssign(byRegion: boolean) {
    const visitorId = visitor === NO_VISITOR ? null : visitor!;
    const r = await assign.mutateAsync(byRegion ? { visitor_id: visitorId, region: region ?? me.org.region_code } : { visitor_id: visitorId, person_ids: selected });
    showSuccess(t('visits.roster.assigned', { n: r.assigned }));
    setSelected([]);
  }

  return (
    <PageContainer title={t('visits.roster.title')} description={t('visits.roster.description')} testId="visit-roster-page">
      <Card>
        <Flex vertical gap="middle">
          <Flex gap="middle" wrap align="center">
            <div style={{ width: LAYOUT.filterControlWidth * 1.5 }}>
              <RegionTreeSelect
                value={region}
                onChange={(v) => {
                  setRegion(v);
                  setPage(1);
                }}
                testId="visit-roster-region"
              />
            </div>
            <Checkbox checked={unassigned} onChange={(e) => setUnassigned(e.target.checked)} data-testid="visit-roster-unassigned">
              {t('visits.roster.onlyUnassigned')}
            </Checkbox>
          </Flex>
          {canAssign ? (
            <Flex gap="small" wrap align="center">
              <Select
                placeholder={t('visits.roster.chooseVisitor')}
                value={visitor}
                onChange={setVisitor}
                style={{ width: LAYOUT.filterControlWidth * 1.5 }}
                options={[
                  { value: NO_VISITOR, label: t('visits.roster.clearVisitor') },
                  ...(visitors.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.display_name}（${v.org_name}，${v.assigned}人）` })),
                ]}
                data-testid="visit-roster-visitor"
              />
              <Button disabled={!visitor || selected.length === 0} loading={assign.isPending} onClick={() => void doAssign(false)} data-testid="visit-roster-assign-selected">
                {t('visits.roster.assignSelected', { n: selected.length })}
              </Button>
              <Button disabled={!visitor || !region} loading={assign.isPending} onClick={() => void doAssign(true)} data-testid="visit-roster-assign-region">
                {t('visits.roster.assignRegion')}
              </Button>
            </Flex>
          ) : null}
          <Table<RosterEntry>
            rowKey="person_id"
            size="small"
            columns={columns}
            dataSource={roster.data?.items ?? []}
            loading={roster.isFetching}
            rowSelection={canAssign ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) } : undefined}
            pagination={{ current: page, pageSize: 20, total: roster.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            data-testid="visit-roster-table"
          />
        </Flex>
      </Card>
      <RosterDetailDrawer personId={open} onClose={() => setOpen(undefined)} />
    </PageContainer>
  );
}
