/**
 * XLSX files of the import wizard (ExcelJS, non-streaming writer because the workbooks carry data
 * validation — conventions A.4): the download template of each source, with ID number, phone and
 * region-code columns formatted as text (Excel keeps only 15 significant digits of a number) and
 * drop-downs for dictionary columns; and the error report, the rejected rows as uploaded with
 * each bad cell marked red and explained.
 */
import ExcelJS from 'exceljs';
import { IMPORT_SOURCES, type ImportCell, type ImportSourceKey } from '@yiyang/core';

const TEXT_KINDS = new Set(['id_number', 'phone', 'region', 'name', 'text']);
const TEMPLATE_ROWS = 5000;

/** OWASP formula-injection rule for exported cells (security target 29). */
export function safeCellText(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export async function templateWorkbook(key: ImportSourceKey): Promise<Buffer> {
  const source = IMPORT_SOURCES[key];
  const wb = new ExcelJS.Workbook();
  wb.creator = '颐养';
  const ws = wb.addWorksheet('数据');
  const lists = wb.addWorksheet('字典');
  ws.columns = source.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  let listCol = 1;
  source.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (TEXT_KINDS.has(c.kind)) col.numFmt = '@';
    if (c.kind === 'date') col.numFmt = 'yyyy-mm-dd';
    if (c.required) ws.getCell(1, i + 1).note = '必填';
    if (c.note) ws.getCell(1, i + 1).note = `${c.required ? '必填；' : ''}${c.note}`;
    if (c.options) {
      // Drop-down from a list on the dictionary sheet (no 255-character limit of inline lists).
      const labels = Object.keys(c.options);
      lists.getCell(1, listCol).value = c.header;
      labels.forEach((l, j) => (lists.getCell(j + 2, listCol).value = l));
      const letter = lists.getColumn(listCol).letter;
      const formula = `字典!$${letter}$2:$${letter}$${labels.length + 1}`;
      // One validation over the whole column range (ExcelJS `dataValidations.add`, untyped).
      const target = `${ws.getColumn(i + 1).letter}2:${ws.getColumn(i + 1).letter}${TEMPLATE_ROWS + 1}`;
      (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(target, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [formula],
        showErrorMessage: true,
        errorTitle: '取值不在列表中',
        error: `请从下拉列表中选择${c.header}`,
      });
      listCol++;
    }
    if (TEXT_KINDS.has(c.kind)) for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) ws.getCell(r, i + 1).numFmt = '@';
  });
  lists.state = 'hidden';
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  [
    `${source.label}导入模板`,
    '第1行为表头，请勿修改；从第2行开始每行一人。',
    '身份证号、联系电话、区划代码列已设为文本格式；从其他表格粘贴时请选择“只粘贴值”，不要把身份证号粘成数值（会丢失末尾数字）。',
    '带下拉框的列请从列表中选择。日期请填写如 2024-03-01。',
    '导入时逐行校验：有错的行不导入，并在错误报告中标出错误的单元格；其他行正常导入。同一文件重复导入不会产生重复数据。',
  ].forEach((t, i) => (help.getCell(i + 1, 1).value = t));
  help.getRow(1).font = { bold: true, size: 14 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ErrorReportRow {
  row: number;
  cells: Record<string, ImportCell>;
  errors: Array<{ column: string; code: string; message: string }>;
}

export async function errorReportWorkbook(key: ImportSourceKey, rows: ErrorReportRow[]): Promise<Buffer> {
  const source = IMPORT_SOURCES[key];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误行');
  const headers = ['原行号', ...source.columns.map((c) => c.header), '错误说明'];
  ws.columns = headers.map((h, i) => ({ header: h, width: i === 0 ? 8 : i === headers.length - 1 ? 60 : (source.columns[i - 1]?.width ?? 14) }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  source.columns.forEach((_c, i) => (ws.getColumn(i + 2).numFmt = '@'));
  const red: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
  rows.forEach((r, idx) => {
    const excelRow = ws.getRow(idx + 2);
    excelRow.getCell(1).value = r.row;
    source.columns.forEach((c, i) => {
      const v = r.cells[c.header];
      const cell = excelRow.getCell(i + 2);
      cell.value = v === null || v === undefined ? null : v instanceof Date ? v : typeof v === 'number' ? v : safeCellText(String(v));
      const errs = r.errors.filter((e) => e.column === c.header);
      if (errs.length) {
        cell.fill = red;
        cell.note = errs.map((e) => `${e.code}：${e.message}`).join('\n');
      }
    });
    excelRow.getCell(headers.length).value = r.errors.map((e) => `【${e.column}】${e.message}（${e.code}）`).join('；');
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
