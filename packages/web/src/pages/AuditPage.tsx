import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '@/features/auth/session';
import { auditExportUrl, useAuditLog, useVerifyAudit, type AuditFilters } from '@/features/audit/api';
import { AuditFilterForm } from '@/features/audit/components/AuditFilterForm';
import { AuditTable } from '@/features/audit/components/AuditTable';
import { t } from '@/i18n/t';
import { PageContainer } from '@/ui/PageContainer';

export function AuditPage() {
  const { can } = useSession();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const log = useAuditLog(filters, page, pageSize);
  const verify = useVerifyAudit();
  const result = verify.data;

  return (
    <PageContainer
      title={t('audit.title')}
      description={t('audit.description')}
      testId="audit-page"
      extra={
        <>
          {can('audit:export') ? (
            <Button icon={<DownloadOutlined />} href={auditExportUrl(filters)} data-testid="audit-export">
              {t('audit.export')}
            </Button>
          ) : null}
          {can('system:admin') ? (
            <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
              {t('audit.verify')}
            </Button>
          ) : null}
        </>
      }
    >
      {result ? (
        <Alert
          data-testid="audit-verify-result"
          data-ok={String(result.ok)}
          type={result.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => verify.reset() }}
          title={
            result.ok
              ? t('audit.verifyOk', { checked: result.checked })
              : t('audit.verifyFailed', { count: result.problems.length, checked: result.checked })
          }
          description={
            result.ok ? undefined : (
              <Flex vertical>
                {result.problems.slice(0, 20).map((p) => (
                  <Typography.Text key={`${p.seq}-${p.problem}`}>{t('audit.verifyProblem', { seq: p.seq, problem: p.problem })}</Typography.Text>
                ))}
              </Flex>
            )
          }
        />
      ) : null}
      <Card>
        <Flex vertical gap="middle">
          <AuditFilterForm
            onSearch={(f) => {
              setFilters(f);
              setPage(1);
            }}
          />
          <AuditTable
            items={log.data?.items ?? []}
            total={log.data?.total ?? 0}
            page={page}
            pageSize={pageSize}
            loading={log.isFetching}
            onPageChange={(p, s) => {
              setPage(p);
              setPageSize(s);
            }}
          />
        </Flex>
      </Card>
    </PageContainer>
  );
}
