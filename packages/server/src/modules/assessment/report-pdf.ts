/// <reference path="./fontkit.d.ts" />
/**
 * The Annex C report as a PDF with real Chinese text (selectable and searchable, not images).
 * Font: Noto Sans SC from the npm package @fontsource/noto-sans-sc (SIL OFL 1.1, which allows
 * embedding). Its "chinese-simplified" file covers the ~8000 characters of everyday text and
 * ASCII; any other character (a rare name character, 生僻字) is drawn from the package's
 * unicode-range slice that holds it. pdfkit embeds only the glyphs used (a subset), so a report
 * is some tens of KB. Text is laid out without OpenType features (see `write`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ReportModel } from '@yiyang/core';
import { create as createFont } from 'fontkit';
import PDFDocument from 'pdfkit';
import { woffToSfnt } from './woff';

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files');
const PRIMARY = { regular: join(FONT_DIR, 'noto-sans-sc-chinese-simplified-400-normal.woff'), bold: join(FONT_DIR, 'noto-sans-sc-chinese-simplified-700-normal.woff') };

/** Code point ranges of the package's slices (from its 400.css), parsed once. */
let slices: Array<{ file: string; ranges: Array<[number, number]> }> | undefined;
function sliceFor(cp: number, weight: 400 | 700): string | undefined {
  if (!slices) {
    const css = readFileSync(join(FONT_DIR, '..', '400.css'), 'utf8');
    slices = [];
    for (const block of css.split('@font-face').slice(1)) {
      const file = /url\(\.\/files\/([^)]+?\.woff)\)/.exec(block)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      if (!file || !range) continue;
      const ranges = range.split(',').map((r): [number, number] => {
        const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
      });
      slices.push({ file, ranges });
    }
  }
  const hit = slices.find((s) => s.ranges.some(([a, b]) => cp >= a && cp <= b));
  return hit ? join(FONT_DIR, weight === 700 ? hit.file.replace('-400-', '-700-') : hit.file) : undefined;
}

type Doc = InstanceType<typeof PDFDocument>;

/** Font files as plain OpenType, inflated once per process (see woff.ts). */
const fontBuffers = new Map<string, Buffer>();
function fontData(file: string): Buffer {
  let b = fontBuffers.get(file);
  if (!b) {
    b = woffToSfnt(readFileSync(file));
    fontBuffers.set(file, b);
  }
  return b;
}
let coverage: { 400: ReturnType<typeof createFont>; 700: ReturnType<typeof createFont> } | undefined;

/** Split text into runs of one font each: the primary font, or the slice holding the character. */
function runs(doc: Doc, text: string, weight: 400 | 700): Array<{ font: string; text: string }> {
  const primaryName = weight === 700 ? 'cjk-bold' : 'cjk';
  coverage ??= { 400: createFont(fontData(PRIMARY.regular)), 700: createFont(fontData(PRIMARY.bold)) };
  const primary = coverage[weight];
  const out: Array<{ font: string; text: string }> = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let font = primaryName;
    if (!primary.hasGlyphForCodePoint(cp)) {
      const file = sliceFor(cp, weight);
      if (file) {
        font = `slice:${file}`;
        doc.registerFont(font, fontData(file));
      }
    }
    const last = out[out.length - 1];
    if (last && last.font === font) last.text += ch;
    else out.push({ font, text: ch });
  }
  return out;
}

/** Write text at the cursor (or at x, y), switching fonts for characters outside the primary. */
function write(doc: Doc, text: string, o: { x?: number; y?: number; size?: number; bold?: boolean; width?: number; align?: 'left' | 'center' | 'right' } = {}) {
  const parts = runs(doc, text, o.bold ? 700 : 400);
  doc.fontSize(o.size ?? 11);
  parts.forEach((p, i) => {
    doc.font(p.font);
    // No OpenType shaping: Chinese needs none, and fontkit's default features are costly on a CJK font.
    const opts = { continued: i < parts.length - 1, features: [] as never[], ...(o.width ? { width: o.width } : {}), ...(o.align ? { align: o.align } : {}) };
    if (i === 0 && o.x !== undefined && o.y !== undefined) doc.text(p.text, o.x, o.y, opts);
    else doc.text(p.text, opts);
  });
}

export async function renderReportPdf(m: ReportModel): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 50, bottom: 50, left: 56, right: 56 }, info: { Title: `${m.title} ${m.header[0]?.value ?? ''}`, Producer: 'Yiyang' } });
  doc.registerFont('cjk', fontData(PRIMARY.regular));
  doc.registerFont('cjk-bold', fontData(PRIMARY.bold));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  write(doc, m.title, { size: 20, bold: true, align: 'center', width, x: left, y: 50 });
  if (m.status_note) write(doc, m.status_note, { size: 10, align: 'center', width, x: left, y: doc.y + 2 });
  doc.moveDown(0.8);

  // Header: two columns of label：value.
  const colW = width / 2;
  for (let i = 0; i < m.header.length; i += 2) {
    const y = doc.y;
    for (const [j, f] of m.header.slice(i, i + 2).entries()) write(doc, `${f.label}：${f.value}`, { x: left + j * colW, y, size: 11, width: colW - 8 });
    doc.y = y + 18;
  }
  doc.moveDown(0.6);

  const section = (title: string) => {
    doc.moveDown(0.4);
    write(doc, title, { x: left, y: doc.y, size: 13, bold: true });
    doc.moveDown(0.2);
  };
  const row = (cells: Array<{ text: string; w: number; bold?: boolean }>, h = 20) => {
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = left;
    for (const c of cells) {
      doc.rect(x, y, c.w, h).lineWidth(0.5).stroke('#888888');
      write(doc, c.text, { x: x + 4, y: y + 4, size: 10, width: c.w - 8, ...(c.bold ? { bold: true } : {}) });
      x += c.w;
    }
    doc.y = y + h;
  };

  section('C.1 一级指标得分');
  row([{ text: '一级指标', w: width * 0.5, bold: true }, { text: '得分', w: width * 0.25, bold: true }, { text: '满分', w: width * 0.25, bold: true }]);
  for (const d of m.dimensions) row([{ text: `${d.code} ${d.name}`, w: width * 0.5 }, { text: String(d.score), w: width * 0.25 }, { text: String(d.max), w: width * 0.25 }]);
  section(`C.2 总分：${m.total.score}分（满分${m.total.max}分）`);
  section(`C.3 老年人能力初步等级：${m.initial_grade}`);
  section('C.4 能力等级变更依据');
  if (m.changes.length === 0) write(doc, '无', { x: left + 12, y: doc.y, size: 11 });
  for (const c of m.changes) write(doc, `· ${c}`, { x: left + 12, y: doc.y, size: 11, width: width - 12 });
  section(`C.5 老年人能力最终等级：${m.final_grade}`);

  doc.moveDown(0.6);
  const sy = doc.y;
  m.signatures.forEach((s: { label: string; value: string }, i: number) => write(doc, `${s.label}：${s.value}`, { x: left + (i % 2) * colW, y: sy + Math.floor(i / 2) * 18, size: 11, width: colW - 8 }));
  doc.y = sy + Math.ceil(m.signatures.length / 2) * 18 + 8;

  if (m.items.length) {
    section('附：二级指标评分');
    const w = [width * 0.1, width * 0.18, width * 0.1, width * 0.62];
    row([{ text: '编号', w: w[0]!, bold: true }, { text: '指标', w: w[1]!, bold: true }, { text: '得分', w: w[2]!, bold: true }, { text: '评定情况', w: w[3]!, bold: true }]);
    for (const it of m.items) {
      const h = it.option.length > 34 ? 32 : 20;
      row([{ text: it.code, w: w[0]! }, { text: it.name, w: w[1]! }, { text: `${it.score}/${it.max}`, w: w[2]! }, { text: it.option, w: w[3]! }], h);
    }
  }
  doc.end();
  return done;
}
