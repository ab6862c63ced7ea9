/**
 * Reading an uploaded department file as a stream of rows with the row numbers Excel shows
 * (header = row 1): CSV (UTF-8 with or without BOM; GB18030 as Excel on Chinese Windows saves
 * "CSV (逗号分隔)" is detected and decoded) or XLSX (first worksheet, streamed). Untrusted input
 * (security target 29): the kind is decided by magic bytes, not by the declared type; size and
 * row count are bounded with specific errors; memory stays bounded (nothing is buffered whole).
 */
import { Readable as ReadableStream, Transform, type Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { DomainError, ErrorKind, invalid, type ImportCell } from '@yiyang/core';

export const IMPORT_LIMITS = {
  /** Bodies up to this size are imported within the request (the issue #3 JSON contract). */
  syncBytes: 2 * 1024 * 1024,
  csvBytes: 300 * 1024 * 1024,
  xlsxBytes: 60 * 1024 * 1024,
  rows: 2_000_000,
} as const;

export type ImportFileKind = 'csv' | 'xlsx';

export interface ImportRow {
  row: number;
  cells: Record<string, ImportCell>;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function tooLarge(maxBytes: number): DomainError {
  return new DomainError(ErrorKind.payloadTooLarge, 'IMPORT_TOO_LARGE', `文件超过大小上限（${Math.round(maxBytes / 1024 / 1024)}MB），请拆分后分批导入`);
}

/** Counts bytes, enforces the size limit and reports progress. */
function byteCounter(maxBytes: number, onBytes?: (n: number) => void): Transform {
  let n = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      n += chunk.length;
      if (n > maxBytes) return cb(tooLarge(maxBytes));
      onBytes?.(n);
      cb(null, chunk);
    },
  });
}

/** The first bytes of a stream, and a stream that replays them followed by the rest. */
async function peek(stream: Readable, bytes: number): Promise<{ head: Buffer; rest: Readable }> {
  const chunks: Buffer[] = [];
  let len = 0;
  const it = stream[Symbol.asyncIterator]();
  let done = false;
  while (len < bytes) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as string);
    chunks.push(b);
    len += b.length;
  }
  const head = Buffer.concat(chunks);
  async function* replay() {
    yield head;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value as Buffer;
    }
  }
  return { head, rest: ReadableStream.from(replay(), { objectMode: false }) };
}

/** Decide the file kind from magic bytes (and check it against the declared type). */
export function detectKind(head: Buffer, contentType: string | undefined): ImportFileKind {
  const isZip = head.length >= 4 && head.readUInt32BE(0) === 0x504b0304;
  const isOle = head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0;
  if (isOle) throw invalid('IMPORT_XLS_UNSUPPORTED', '不支持旧版 .xls 文件，请在Excel中另存为 .xlsx 后导入');
  const declared = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (declared === XLSX_TYPE && !isZip) throw invalid('IMPORT_FILE_TYPE', '文件内容不是 .xlsx 格式（文件头校验失败）');
  if (declared === 'text/csv' && isZip) throw invalid('IMPORT_FILE_TYPE', '文件内容是Excel工作簿，不是CSV；请按 .xlsx 上传');
  if (isZip) return 'xlsx';
  if (head.includes(0)) throw invalid('IMPORT_FILE_TYPE', '文件不是CSV文本文件');
  return 'csv';
}

/** UTF-8 (BOM optional) unless the first block is not valid UTF-8: then GB18030. */
function textDecoder(): Transform {
  let decoder: TextDecoder | null = null;
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, cb) {
      try {
        if (!decoder) {
          try {
            // stream: true tolerates a character cut at the end of the block.
            new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
            decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
          } catch {
            decoder = new TextDecoder('gb18030');
          }
        }
        cb(null, decoder.decode(chunk, { stream: true }));
      } catch {
        cb(invalid('IMPORT_ENCODING', '文件编码无法识别，请在Excel中另存为“CSV UTF-8（逗号分隔）”或 .xlsx'));
      }
    },
    flush(cb) {
      try {
        cb(null, decoder ? decoder.decode() : '');
      } catch {
        cb(invalid('IMPORT_ENCODING', '文件编码无法识别，请在Excel中另存为“CSV UTF-8（逗号分隔）”或 .xlsx'));
      }
    },
  });
}

function normaliseXlsxCell(v: unknown): ImportCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return normaliseXlsxCell(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.error) return String(o.error);
  }
  return String(v);
}

export interface OpenedImport {
  kind: ImportFileKind;
  headers: string[];
  rows: AsyncGenerator<ImportRow>;
}

/**
 * Open an upload: returns its kind, header row and an async iterator over the data rows (empty
 * rows skipped but counted, so row numbers stay Excel's). Throws DomainErrors for file-level
 * problems (type, size, encoding, no header).
 */
export async function openImport(body: Readable, contentType: string | undefined, opts: { onBytes?: (n: number) => void; maxRows?: number } = {}): Promise<OpenedImport> {
  const { head, rest } = await peek(body, 8);
  const kind = detectKind(head, contentType);
  const maxBytes = kind === 'csv' ? IMPORT_LIMITS.csvBytes : IMPORT_LIMITS.xlsxBytes;
  const maxRows = opts.maxRows ?? IMPORT_LIMITS.rows;
  const counted = rest.pipe(byteCounter(maxBytes, opts.onBytes));
  rest.on('error', (e) => counted.destroy(e));
  const source: AsyncIterable<{ row: number; values: ImportCell[] }> = kind === 'csv' ? csvRecords(counted) : xlsxRecords(counted);
  const it = source[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && first.value.values.every((v) => v === null || v === undefined || String(v).trim() === '')) first = await it.next();
  if (first.done) throw invalid('IMPORT_EMPTY', '文件没有表头行');
  const headerRow = first.value;
  const headers = headerRow.values.map((v) => String(v ?? '').replace(/^\uFEFF/, '').trim());
  async function* rows(): AsyncGenerator<ImportRow> {
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      const { row, values } = r.value;
      if (row - headerRow.row > maxRows) throw invalid('IMPORT_TOO_MANY_ROWS', `文件超过${maxRows}行，请拆分后分批导入`);
      if (values.every((v) => v === null || v === undefined || (typeof v === 'string' && v.trim() === ''))) continue;
      const cells: Record<string, ImportCell> = {};
      headers.forEach((h, i) => {
        if (h) cells[h] = values[i] ?? null;
      });
      yield { row, cells };
    }
  }
  return { kind, headers, rows: rows() };
}

async function* csvRecords(input: Readable): AsyncGenerator<{ row: number; values: ImportCell[] }> {
  const parser = input.pipe(textDecoder()).pipe(parseCsv({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  let row = 0;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, values: rec };
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw invalid('IMPORT_CSV_MALFORMED', `CSV格式错误（第${row + 1}行附近）：${e instanceof Error ? e.message : String(e)}`);
  }
}

async function* xlsxRecords(input: Readable): AsyncGenerator<{ row: number; values: ImportCell[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      for await (const r of sheet as AsyncIterable<ExcelJS.Row>) {
        // row.values is 1-based (index 0 unused).
        const vals = (r.values as unknown[]).slice(1).map(normaliseXlsxCell);
        yield { row: r.number, values: vals };
      }
      return; // first worksheet only
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw invalid('IMPORT_XLSX_MALFORMED', `无法读取Excel文件：${e instanceof Error ? e.message : String(e)}`);
  }
}
