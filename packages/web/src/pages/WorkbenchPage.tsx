import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Space, Tag, Typography, theme } from 'antd';
import { Link } from 'react-router-dom';
import { useNavEntries } from '@/app/navigation';
import { useSession } from '@/features/auth/session';
import { t } from '@/i18n/t';
import { PageContainer } from '@/ui/PageContainer';

export function WorkbenchPage() {
  const { me } = useSession();
  const { token } = theme.useToken();
  const links = useNavEntries().filter((e) => e.quickLink);

  return (
    <PageContainer title={t('workbench.title')} testId="workbench-page">
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="workbench-welcome">
          {t('workbench.welcome', { name: me.display_name })}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'org', label: t('workbench.org'), children: <span data-testid="workbench-org">{me.org.name}</span> },
            {
              key: 'region',
              label: t('workbench.region'),
              children: (
                <span data-testid="workbench-region">
                  {me.org.region_name} <Typography.Text type="secondary">{me.org.region_code}</Typography.Text>
                </span>
              ),
            },
            {
              key: 'roles',
              label: t('workbench.roles'),
              children: (
                <Space size={[0, 4]} wrap>
                  {me.roles.map((r) => (
                    <Tag key={r.code} color="blue">
                      {r.name}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
        <Typography.Text type="secondary">{t('workbench.scopeNote', { region: me.org.region_name })}</Typography.Text>
      </Card>

      {links.length > 0 ? (
        <Card title={t('workbench.quickLinks')}>
          <Row gutter={[token.margin, token.margin]}>
            {links.map((l) => (
              <Col key={l.path} xs={24} sm={12} lg={8}>
                <Link to={l.path} data-testid={`quick-link-${l.path.slice(1).replace(/\//g, '-')}`} style={{ display: 'block', height: '100%' }}>
                  <Card hoverable size="small" style={{ height: '100%' }}>
                    <Flex gap="middle" align="flex-start">
                      <span style={{ fontSize: token.fontSizeHeading3, color: token.colorPrimary }}>{l.icon}</span>
                      <Flex vertical>
                        <Typography.Text strong>{t(l.labelKey)}</Typography.Text>
                        {l.quickLink ? <Typography.Text type="secondary">{t(l.quickLink)}</Typography.Text> : null}
                      </Flex>
                    </Flex>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      ) : null}

      <Card
        title={
          <span>
            <SafetyOutlined /> {t('workbench.securityTitle')}
          </span>
        }
      >
        {me.mfa_enabled ? (
          <Alert type="success" showIcon title={t('workbench.mfaOn')} />
        ) : (
          <Alert
            type="info"
            showIcon
            title={t('workbench.mfaOff')}
            action={
              <Link to="/account/mfa">
                <Button size="small" type="primary" data-testid="workbench-bind-mfa">
                  {t('workbench.bindMfa')}
                </Button>
              </Link>
            }
          />
        )}
      </Card>
    </PageContainer>
  );
}
