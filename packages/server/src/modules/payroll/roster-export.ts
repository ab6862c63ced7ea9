/**
 * Streaming XLSX writers (ExcelJS WorkbookWriter): the bank roster (发放花名册: full name, ID and
 * 一卡通 account as text cells — Excel keeps 15 digits only, A.4) and the de-identified 公示版
 * (masked names, no ID, account, address or phone; target 21). Rows are committed as written, so
 * memory stays flat for a million lines.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatFen, publicName, safeCell } from '@yiyang/core';

export interface RosterRow {
  line_id: number;
  name: string;
  id_number: string;
  bank: string | null;
  account: string | null;
  region_code: string;
  period_month: string;
  kind: 'regular' | 'arrears';
  amount_fen: number;
  attempt: number;
}

const TEXT = '@';

export async function writeBankRoster(out: Writable, meta: { title: string }, rows: AsyncIterable<RosterRow[]>): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('发放花名册');
  ws.columns = [
    { header: '行号', key: 'line_id', width: 10 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '身份证号', key: 'id_number', width: 22, style: { numFmt: TEXT } },
    { header: '开户银行', key: 'bank', width: 16 },
    { header: '一卡通账号', key: 'account', width: 24, style: { numFmt: TEXT } },
    { header: '区划代码', key: 'region_code', width: 14, style: { numFmt: TEXT } },
    { header: '所属月份', key: 'period_month', width: 10 },
    { header: '类别', key: 'kind', width: 8 },
    { header: '金额（元）', key: 'amount', width: 12, style: { numFmt: '0.00' } },
    { header: '第几次发放', key: 'attempt', width: 10 },
  ];
  ws.getRow(1).commit();
  let n = 0;
  for await (const page of rows) {
    for (const r of page) {
      ws.addRow({
        line_id: r.line_id, name: safeCell(r.name), id_number: r.id_number, bank: r.bank ? safeCell(r.bank) : '', account: r.account ?? '',
        region_code: r.region_code, period_month: r.period_month, kind: r.kind === 'arrears' ? '补发' : '正常', amount: Number(formatFen(r.amount_fen)), attempt: r.attempt,
      }).commit();
      n += 1;
    }
  }
  ws.addRow([]).commit();
  ws.addRow([meta.title]).commit();
  ws.commit();
  await wb.commit();
  return n;
}

export interface PublicRow {
  name: string;
  region_name: string;
  period_month: string;
  amount_fen: number;
}

export async function writePublicRoster(out: Writable, title: string, rows: AsyncIterable<PublicRow[]>): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('公示名单');
  ws.addRow([title]).commit();
  ws.addRow(['序号', '姓名', '所属村（社区）', '所属月份', '金额（元）']).commit();
  let n = 0;
  for await (const page of rows) {
    for (const r of page) {
      n += 1;
      ws.addRow([n, publicName(r.name), safeCell(r.region_name), r.period_month, Number(formatFen(r.amount_fen))]).commit();
    }
  }
  ws.commit();
  await wb.commit();
  return n;
}
