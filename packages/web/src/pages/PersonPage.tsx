import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { ServiceAccountCard } from '@/features/accounts/components/ServiceAccountCard';
import { EntitlementsCard } from '@/features/eligibility/components/EntitlementsCard';
import { Button, Card, Descriptions, Empty, Flex, Result, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '@/features/auth/session';
import { usePerson, usePersonEvents, usePersonFacts } from '@/features/persons/api';
import { FactTimeline } from '@/features/persons/components/FactTimeline';
import { LifeEventModal } from '@/features/persons/components/LifeEventModal';
import { PersonEditModal } from '@/features/persons/components/PersonEditModal';
import { RegionName } from '@/features/persons/components/RegionName';
import { RecordFactModal } from '@/features/persons/components/RecordFactModal';
import { RevealButton } from '@/features/persons/components/RevealButton';
import { eventLabel, sourceLabel, tagLabel, valueLabel } from '@/features/persons/labels';
import { t } from '@/i18n/t';
import { errorText } from '@/ui/feedback';
import { formatDateTime } from '@/ui/format';
import { PageContainer } from '@/ui/PageContainer';

export function PersonPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const person = usePerson(id);
  const facts = usePersonFacts(id);
  const events = usePersonEvents(id);
  const [editing, setEditing] = useState(false);
  const [eventOpen, setEventOpen] = useState(false);
  const [factOpen, setFactOpen] = useState(false);
  if (person.isLoading) return <Spin />;
  if (person.error || !person.data) return <Result status="404" title={errorText(person.error)} extra={<Link to="/persons">{t('persons.back')}</Link>} />;
  const p = person.data;
  const canWrite = can('persons:write');
  return (
    <PageContainer
      title={`${p.name}`}
      description={<Link to="/persons">{t('persons.back')}</Link>}
      testId="person-page"
      extra={canWrite ? (
        <>
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="person-edit">{t('persons.edit')}</Button>
          <Button icon={<PlusOutlined />} onClick={() => setFactOpen(true)} data-testid="person-record-fact">{t('persons.recordFact')}</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEventOpen(true)} data-testid="person-record-event">{t('persons.recordEvent')}</Button>
        </>
      ) : null}
    >
      <Card title={t('persons.basic')} size="small">
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" data-testid="person-basic">
          <Descriptions.Item label={t('persons.idNumber')}>
            <Flex gap="small" align="center">
              <span data-testid="person-id-number">{p.id_number}</span>
              {can('pii:reveal') ? <RevealButton personId={p.id} /> : null}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('persons.sex')}>{p.sex === 'male' ? t('persons.male') : p.sex === 'female' ? t('persons.female') : ''}</Descriptions.Item>
          <Descriptions.Item label={t('persons.birthDate')}>{p.birth_date}（{p.age}岁）</Descriptions.Item>
          <Descriptions.Item label={t('persons.phone')}>{p.phone}</Descriptions.Item>
          <Descriptions.Item label={t('persons.region')}><RegionName code={p.region_code} /></Descriptions.Item>
          <Descriptions.Item label={t('persons.hukou')}><RegionName code={p.hukou_region_code} /></Descriptions.Item>
          <Descriptions.Item label={t('persons.address')}>{p.address}</Descriptions.Item>
          <Descriptions.Item label={t('persons.economicStatus')}>{valueLabel('economic_status', p.economic_status)}</Descriptions.Item>
          <Descriptions.Item label={t('persons.capabilityGrade')}>{p.capability_grade === null ? t('persons.notAssessed') : valueLabel('capability_grade', p.capability_grade)}</Descriptions.Item>
          <Descriptions.Item label={t('persons.livingArrangement')}>{valueLabel('living_arrangement', p.living_arrangement)}</Descriptions.Item>
          <Descriptions.Item label={t('persons.status')}>
            {t(`persons.statuses.${p.status}`)}
            {p.death_date ? `（${t('persons.deathDate')} ${p.death_date}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('persons.tags')}>
            <span data-testid="person-tags">{p.tags.length ? p.tags.map((x) => <Tag key={x} color="orange">{tagLabel(x)}</Tag>) : t('common.none')}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Flex gap="middle" wrap align="flex-start">
        <Card title={t('persons.facts')} size="small" style={{ flex: '1 1 480px' }}>
          <Typography.Paragraph type="secondary">{t('persons.factsHint')}</Typography.Paragraph>
          {facts.data ? <FactTimeline items={facts.data.items} /> : <Spin />}
        </Card>
        <Card title={t('persons.events')} size="small" style={{ flex: '1 1 420px' }}>
          {events.data?.items.length ? (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              data-testid="person-events"
              dataSource={events.data.items}
              columns={[
                { title: t('persons.eventType'), dataIndex: 'type', render: (v: string) => eventLabel(v) },
                { title: t('persons.effectiveDate'), dataIndex: 'effective_date' },
                { title: t('persons.note'), dataIndex: 'details', render: (d: Record<string, unknown>) => Object.entries(d).map(([k, v]) => `${k === 'economic_status' || k === 'living_arrangement' ? valueLabel(k, v) : String(v)}`).join('，') },
                { title: t('persons.source'), dataIndex: 'source_department', render: (v: string | null) => sourceLabel(v) || sourceLabel('staff') },
                { title: t('persons.recordedAt'), dataIndex: 'recorded_at', render: (v: string) => formatDateTime(v) },
              ]}
            />
          ) : (
            <Empty description={t('persons.noEvents')} />
          )}
        </Card>
      </Flex>
      {can('catalogue:read') ? <EntitlementsCard personId={p.id} /> : null}
      {can('accounts:read') ? <ServiceAccountCard personId={p.id} /> : null}
      {editing ? <PersonEditModal person={p} open={editing} onClose={() => setEditing(false)} /> : null}
      {factOpen ? <RecordFactModal personId={p.id} open={factOpen} onClose={() => setFactOpen(false)} /> : null}
      {eventOpen ? <LifeEventModal personId={p.id} open={eventOpen} onClose={() => setEventOpen(false)} /> : null}
    </PageContainer>
  );
}
