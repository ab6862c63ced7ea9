/** 基本养老服务清单（公开） — the list in force for a region, without login. */
import { Alert, Card, Descriptions, Flex, Input, Spin, Table, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { usePublicCatalogue } from '@/features/catalogue/api';
import { ItemsTable } from '@/features/catalogue/components/ItemsTable';
import { t } from '@/i18n/t';

export function PublicCataloguePage() {
  const { region = '330781' } = useParams();
  const navigate = useNavigate();
  const list = usePublicCatalogue(region);
  const d = list.data;
  return (
    <div style={{ maxWidth: 1280, margin: '0 auto', padding: 24 }} data-testid="public-catalogue-page">
      <Flex vertical gap="middle">
        <Typography.Title level={3}>{d ? `${d.name}` : t('catalogue.publicTitle')}</Typography.Title>
        <Typography.Text type="secondary">{t('catalogue.publicDescription')}</Typography.Text>
        <Input.Search defaultValue={region} style={{ maxWidth: 320 }} addonBefore={t('catalogue.publicRegion')} onSearch={(v) => v && navigate(`/public/catalogue/${v.trim()}`)} />
        {list.isLoading ? <Spin /> : null}
        {list.isError ? <Alert type="warning" showIcon message={t('catalogue.notPublished')} /> : null}
        {d ? (
          <>
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                <Descriptions.Item label={t('catalogue.versionNo')}>{t('catalogue.version', { n: d.version_no })}</Descriptions.Item>
                <Descriptions.Item label={t('catalogue.documentNumber')}>{d.document_number}</Descriptions.Item>
                <Descriptions.Item label={t('catalogue.effectiveFrom')}>{d.effective_from}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card size="small" title={t('catalogue.items')}>
              <ItemsTable items={d.items} showCondition={false} />
            </Card>
            <Card size="small" title={t('catalogue.parameters')}>
              <Table
                rowKey="name"
                size="small"
                pagination={false}
                dataSource={d.parameters}
                columns={[
                  { title: t('catalogue.parameter'), dataIndex: 'label' },
                  { title: t('catalogue.value'), dataIndex: 'value', render: (v: number | null) => (v === null ? '—' : v) },
                  { title: t('catalogue.status'), dataIndex: 'status', render: (s: 'set' | 'unset' | 'expired') => <Tag color={s === 'set' ? 'green' : 'red'}>{t(`catalogue.parameterStatuses.${s}`)}</Tag> },
                ]}
              />
            </Card>
          </>
        ) : null}
      </Flex>
    </div>
  );
}
