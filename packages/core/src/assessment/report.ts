/**
 * The Annex C report (老年人能力评估报告): C.1 dimension scores, C.2 total, C.3 initial grade,
 * C.4 change reasons, C.5 final grade, assessors and date. One model serves the printable web page
 * and the server-side PDF, so both show the same content.
 */
import { z } from 'zod';
import type { AssessmentDetail } from './Assessment';
import { gradeFullName, type CapabilityGrade } from './grades';
import { DIMENSIONS, findItem, ASSESSMENT_ITEMS } from './items';
import { ASSESSMENT_REASON_LABELS } from './workflow';

const Field = z.object({ label: z.string(), value: z.string() });
export const ReportModelSchema = z
  .object({
    title: z.string(),
    status_note: z.string().nullable(),
    header: z.array(Field),
    dimensions: z.array(z.object({ code: z.string(), name: z.string(), score: z.number().int(), max: z.number().int() })),
    total: z.object({ score: z.number().int(), max: z.number().int() }),
    initial_grade: z.string(),
    changes: z.array(z.string()),
    final_grade: z.string(),
    items: z.array(z.object({ code: z.string(), name: z.string(), score: z.number().int(), max: z.number().int(), option: z.string() })),
    signatures: z.array(Field),
  })
  .meta({ id: 'AssessmentReport' });
export type ReportModel = z.infer<typeof ReportModelSchema>;

const SEX = { male: '男', female: '女' } as const;

function dateOnly(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '';
}

/** Null when the assessment has no result yet or the caller may not see health details. */
export function buildReportModel(d: AssessmentDetail, regionName: string | null): ReportModel | null {
  if (!d.result || !d.result.complete) return null;
  const r = d.result;
  const items = d.form?.items ?? {};
  const statusNote =
    d.status === 'published' ? null : d.status === 'objected' ? '（已提出异议，复评结果发布前本结果继续有效）' : '（未发布，仅供审核）';
  return {
    title: '老年人能力评估报告',
    status_note: statusNote,
    header: [
      { label: '评估编号', value: d.number },
      { label: '评估基准日期', value: d.assessment_date ?? '' },
      { label: '评估原因', value: ASSESSMENT_REASON_LABELS[d.reason] },
      { label: '姓名', value: d.person_name },
      { label: '性别', value: d.person_sex ? SEX[d.person_sex] : '' },
      { label: '年龄', value: d.person_age === null ? '' : `${d.person_age}岁` },
      { label: '所在地区', value: regionName ?? d.region_code },
      { label: '评估机构', value: d.agency_name ?? '' },
    ],
    dimensions: DIMENSIONS.map((dim) => ({ code: dim.code, name: dim.name, score: r.dimensions[dim.code] ?? 0, max: dim.max })),
    total: { score: r.total, max: 90 },
    initial_grade: gradeFullName(r.initial_grade as CapabilityGrade),
    changes: r.changes.map((c) => c.description),
    final_grade: gradeFullName(r.grade as CapabilityGrade),
    items: ASSESSMENT_ITEMS.filter((it) => typeof items[it.code] === 'number').map((it) => {
      const score = items[it.code]!;
      return { code: it.code, name: it.name, score, max: it.options[0]!.points, option: findItem(it.code)!.options.find((o) => o.points === score)?.label ?? '' };
    }),
    signatures: [
      { label: '评估员', value: d.assessors.map((a) => a.name).join('、') },
      { label: '信息提供者', value: d.form?.informant?.name ?? '' },
      { label: '审核人', value: d.reviewer_name ?? '' },
      { label: '发布日期', value: dateOnly(d.published_at) },
    ],
  };
}
