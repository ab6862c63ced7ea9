/**
 * GB/T 42195-2022 capability grades (老年人能力等级, standards.md §1.3): integers 0–4, the
 * `capability_grade` person fact. Initial grade from the total score (Annex C.3).
 */

export const CAPABILITY_GRADES = [0, 1, 2, 3, 4] as const;
export type CapabilityGrade = (typeof CAPABILITY_GRADES)[number];

export const GRADE_NAMES: Record<CapabilityGrade, string> = {
  0: '能力完好',
  1: '能力轻度受损',
  2: '能力中度受损',
  3: '能力重度受损',
  4: '能力完全丧失',
};

/** The standard's parenthesised 失能 names (Annex C). */
export const GRADE_DISABILITY_NAMES: Record<CapabilityGrade, string | null> = {
  0: null,
  1: '轻度失能',
  2: '中度失能',
  3: '重度失能',
  4: '完全失能',
};

/** `能力中度受损（中度失能）` */
export function gradeFullName(g: CapabilityGrade): string {
  const d = GRADE_DISABILITY_NAMES[g];
  return d ? `${GRADE_NAMES[g]}（${d}）` : GRADE_NAMES[g];
}

/** Score bands of the initial grade (C.3), highest first. */
export const GRADE_BANDS: ReadonlyArray<{ grade: CapabilityGrade; min: number; max: number }> = [
  { grade: 0, min: 90, max: 90 },
  { grade: 1, min: 66, max: 89 },
  { grade: 2, min: 46, max: 65 },
  { grade: 3, min: 30, max: 45 },
  { grade: 4, min: 0, max: 29 },
];

/** C.3: 90 → 0; 66–89 → 1; 46–65 → 2; 30–45 → 3; 0–29 → 4. */
export function initialGradeOf(total: number): CapabilityGrade {
  if (!Number.isInteger(total) || total < 0 || total > 90) throw new RangeError(`total score out of range: ${total}`);
  return GRADE_BANDS.find((b) => total >= b.min && total <= b.max)!.grade;
}

export function isCapabilityGrade(n: unknown): n is CapabilityGrade {
  return typeof n === 'number' && (CAPABILITY_GRADES as readonly number[]).includes(n);
}
