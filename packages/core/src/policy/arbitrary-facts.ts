/**
 * Random persons over the whole fact vocabulary (property tests and the benchmark's synthetic
 * population share the value sets). No I/O; deterministic generators take their own PRNG.
 */
import { DISABILITY_CATEGORIES, ECONOMIC_STATUSES, LIVING_ARRANGEMENTS, PENSION_INSURANCES, VETERAN_CATEGORIES } from '../person/facts';

/** Region codes the packs test for (inside and outside each locality, township level too). */
export const SAMPLE_REGIONS = ['330781', '330781001', '330781102', '330702', '140400', '140402', '140421', '340403', '340403001', '340404', '120115', '120115001', '120116', '110101'] as const;

export const FACT_VALUE_SETS = {
  economic_status: ECONOMIC_STATUSES,
  disability_category: [null, ...DISABILITY_CATEGORIES],
  disability_level: [null, 1, 2, 3, 4],
  capability_grade: [null, 0, 1, 2, 3, 4],
  living_arrangement: LIVING_ARRANGEMENTS,
  veteran_category: [null, ...VETERAN_CATEGORIES],
  pension_insurance: PENSION_INSURANCES,
  region: [null, ...SAMPLE_REGIONS],
} as const;
