import { ASSESSMENT_STATUS_LABELS, GRADE_NAMES, type AssessmentStatus, type CapabilityGrade } from '@yiyang/core';
import { Tag } from 'antd';

const STATUS_COLORS: Record<AssessmentStatus, string> = {
  requested: 'default',
  assigned: 'blue',
  in_progress: 'processing',
  submitted: 'orange',
  reviewed: 'gold',
  published: 'green',
  objected: 'red',
  cancelled: 'default',
};

export function StatusTag({ status }: { status: AssessmentStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="assessment-status">
      {ASSESSMENT_STATUS_LABELS[status]}
    </Tag>
  );
}

const GRADE_COLORS = ['green', 'cyan', 'gold', 'orange', 'red'] as const;

/** A capability grade 0–4 with its name (能力完好 … 能力完全丧失). */
export function GradeTag({ grade, testId }: { grade: number | null | undefined; testId?: string }) {
  if (grade === null || grade === undefined) return null;
  return (
    <Tag color={GRADE_COLORS[grade]} data-testid={testId ?? 'grade-tag'}>
      {grade}级 · {GRADE_NAMES[grade as CapabilityGrade]}
    </Tag>
  );
}
