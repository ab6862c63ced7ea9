/**
 * The Annex C report page: the same model the PDF is made from, laid out for A4 printing
 * (the app's menu and header are hidden in print), with a PDF download.
 */
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Flex, Result, Space, Spin } from 'antd';
import { t } from '@/i18n/t';
import { errorText } from '@/ui/feedback';
import { reportPdfUrl, useReport } from '../api';

const PRINT_CSS = `
.yy-report { max-width: 794px; margin: 0 auto; background: #fff; padding: 32px 40px; color: #000; font-size: 14px; }
.yy-report h1 { text-align: center; font-size: 24px; margin: 0 0 4px; }
.yy-report .note { text-align: center; margin-bottom: 12px; }
.yy-report h2 { font-size: 16px; margin: 18px 0 6px; }
.yy-report table { width: 100%; border-collapse: collapse; }
.yy-report td, .yy-report th { border: 1px solid #888; padding: 4px 8px; text-align: left; vertical-align: top; }
.yy-report .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 24px; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { background: #fff !important; }
  .ant-layout-sider, .ant-layout-header, [data-no-print] { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .yy-report { padding: 0; max-width: none; }
  .yy-report tr { page-break-inside: avoid; }
}`;

export function ReportView({ id }: { id: string }) {
  const report = useReport(id);
  if (report.isLoading) return <Spin />;
  if (report.error || !report.data) return <Result status="warning" title={errorText(report.error)} />;
  const m = report.data;
  return (
    <Flex vertical gap="middle">
      <style>{PRINT_CSS}</style>
      <Space data-no-print>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="report-print">
          {t('assessment.print')}
        </Button>
        <Button icon={<DownloadOutlined />} href={reportPdfUrl(id)} data-testid="report-pdf">
          {t('assessment.downloadPdf')}
        </Button>
      </Space>
      <div className="yy-report" data-testid="report">
        <h1>{m.title}</h1>
        {m.status_note ? <div className="note">{m.status_note}</div> : null}
        <div className="fields">
          {m.header.map((f) => (
            <div key={f.label}>
              {f.label}：{f.value}
            </div>
          ))}
        </div>
        <h2>C.1 一级指标得分</h2>
        <table>
          <thead>
            <tr>
              <th>一级指标</th>
              <th>得分</th>
              <th>满分</th>
            </tr>
          </thead>
          <tbody>
            {m.dimensions.map((d) => (
              <tr key={d.code}>
                <td>
                  {d.code} {d.name}
                </td>
                <td data-testid={`report-${d.code}`}>{d.score}</td>
                <td>{d.max}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2 data-testid="report-total">
          C.2 总分：{m.total.score}分（满分{m.total.max}分）
        </h2>
        <h2>C.3 老年人能力初步等级：{m.initial_grade}</h2>
        <h2>C.4 能力等级变更依据</h2>
        {m.changes.length ? (
          <ul>
            {m.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        ) : (
          <div>无</div>
        )}
        <h2 data-testid="report-final">C.5 老年人能力最终等级：{m.final_grade}</h2>
        <div className="fields" style={{ marginTop: 16 }}>
          {m.signatures.map((s) => (
            <div key={s.label}>
              {s.label}：{s.value}
            </div>
          ))}
        </div>
        {m.items.length ? (
          <>
            <h2>附：二级指标评分</h2>
            <table>
              <thead>
                <tr>
                  <th>编号</th>
                  <th>指标</th>
                  <th>得分</th>
                  <th>评定情况</th>
                </tr>
              </thead>
              <tbody>
                {m.items.map((it) => (
                  <tr key={it.code}>
                    <td>{it.code}</td>
                    <td>{it.name}</td>
                    <td>
                      {it.score}/{it.max}
                    </td>
                    <td>{it.option}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </div>
    </Flex>
  );
}
