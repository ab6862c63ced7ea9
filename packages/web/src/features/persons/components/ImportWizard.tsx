/**
 * Import wizard: choose the source, download its template, upload the file (sent as the raw body,
 * queued as a job so the progress bar is real), then the result with per-row errors and the
 * XLSX error report.
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { IMPORT_SOURCE_KEYS, IMPORT_SOURCES, type ImportSourceKey } from '@yiyang/core';
import { Alert, Button, Card, Flex, Progress, Radio, Result, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { t } from '@/i18n/t';
import { errorText } from '@/ui/feedback';
import { errorReportUrl, templateUrl, uploadImport, useImportBatch } from '../api';

export function ImportWizard({ onDone }: { onDone?: () => void }) {
  const [source, setSource] = useState<ImportSourceKey>('population');
  const [batchId, setBatchId] = useState<string | undefined>();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const batch = useImportBatch(batchId);
  const b = batch.data;
  const finished = b?.status === 'done' || b?.status === 'failed';
  if (finished && onDone) queueMicrotask(onDone);
  const step = !batchId ? 1 : finished ? 3 : 2;
  const percent = b?.bytes_total ? Math.min(100, Math.round((b.bytes_done / b.bytes_total) * 100)) : 0;
  return (
    <Card data-testid="import-wizard">
      <Steps current={step} size="small" items={[{ title: t('persons.importStep1') }, { title: t('persons.importStep2') }, { title: t('persons.importStep3') }, { title: t('persons.importStep4') }]} />
      {!batchId ? (
        <Flex vertical gap="middle" style={{ marginTop: 24 }}>
          <Typography.Text strong>{t('persons.importSource')}</Typography.Text>
          <Radio.Group value={source} onChange={(e) => setSource(e.target.value as ImportSourceKey)} data-testid="import-source">
            <Flex vertical gap="small">
              {IMPORT_SOURCE_KEYS.map((k) => (
                <Radio key={k} value={k} data-testid={`import-source-${k}`}>
                  {IMPORT_SOURCES[k].label}
                  <Typography.Text type="secondary">　{IMPORT_SOURCES[k].columns.map((c) => c.header).join('、')}</Typography.Text>
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
          <div>
            <Button icon={<DownloadOutlined />} href={templateUrl(source)} data-testid="import-template">{t('persons.downloadTemplate')}</Button>
          </div>
          <Upload.Dragger
            accept=".csv,.xlsx"
            multiple={false}
            showUploadList={false}
            disabled={uploading}
            data-testid="import-upload"
            customRequest={async ({ file }) => {
              setError(null);
              setUploading(true);
              try {
                const r = await uploadImport(source, file as File);
                setBatchId(r.batch_id);
              } catch (e) {
                setError(errorText(e));
              } finally {
                setUploading(false);
              }
            }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('persons.uploadHint')}</p>
            <p className="ant-upload-hint">{t('persons.uploadLimits')}</p>
          </Upload.Dragger>
          {error ? <Alert type="error" showIcon message={error} data-testid="import-error" /> : null}
        </Flex>
      ) : !finished ? (
        <Flex vertical gap="middle" style={{ marginTop: 24 }} data-testid="import-progress">
          <Typography.Text>{t('persons.importing')}</Typography.Text>
          <Progress percent={percent} status="active" />
          <Typography.Text type="secondary">{t('persons.rowsDone', { rows: b?.rows_done ?? 0 })}</Typography.Text>
        </Flex>
      ) : b?.status === 'failed' ? (
        <Result status="error" title={t('persons.importFailed', { message: b.error_message ?? '' })} data-testid="import-failed"
          extra={<Button onClick={() => setBatchId(undefined)}>{t('persons.importAgain')}</Button>} />
      ) : b ? (
        <Flex vertical gap="middle" style={{ marginTop: 24 }} data-testid="import-result">
          <Flex gap="large" wrap>
            <Statistic title={t('persons.accepted')} value={b.accepted} valueStyle={{ color: '#389e0d' }} />
            <Statistic title={t('persons.rejected')} value={b.rejected} valueStyle={{ color: b.rejected ? '#cf1322' : undefined }} />
            <Statistic title={t('persons.created')} value={b.created} />
            <Statistic title={t('persons.updated')} value={b.updated} />
            <Statistic title={t('persons.unchanged')} value={b.unchanged} />
            <Statistic title={t('persons.conflicts')} value={b.conflicts} />
          </Flex>
          {b.rejected ? (
            <>
              <div>
                <Button icon={<DownloadOutlined />} href={errorReportUrl(b.id)} data-testid="import-report">{t('persons.downloadReport')}</Button>
              </div>
              <Table
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
                dataSource={b.errors}
                pagination={{ pageSize: 10 }}
                data-testid="import-errors"
                columns={[
                  { title: t('persons.errorRow'), dataIndex: 'row', width: 80 },
                  { title: t('persons.errorColumn'), dataIndex: 'column', width: 140 },
                  { title: t('persons.errorCode'), dataIndex: 'code', width: 180 },
                  { title: t('persons.errorMessage'), dataIndex: 'message' },
                ]}
              />
            </>
          ) : null}
          <div>
            <Button type="primary" onClick={() => setBatchId(undefined)} data-testid="import-again">{t('persons.importAgain')}</Button>
          </div>
        </Flex>
      ) : null}
    </Card>
  );
}
