/**
 * Who currently receives which item. Enrolments belong to the benefits module (helper Y, issue 6);
 * eligibility only reads them through this interface, so the work lists compare "entitled" with
 * "receiving" without touching benefits' tables. Wired in modules/index.ts: to benefits'
 * service when it exists, else to the empty source (everyone entitled shows as 应享未享).
 */
export interface Enrolment {
  person_id: string;
  item_code: string;
}

export interface EnrolmentSource {
  /** Current enrolments of the persons of a region subtree (optionally only these persons). */
  currentEnrolments(region: string, opts?: { personIds?: string[] }): Promise<Enrolment[]>;
}

export const emptyEnrolmentSource: EnrolmentSource = {
  async currentEnrolments() {
    return [];
  },
};

/** For tests and the benchmark: enrolments held in memory. */
export function staticEnrolmentSource(rows: Enrolment[]): EnrolmentSource {
  return {
    async currentEnrolments(_region, opts) {
      if (!opts?.personIds) return rows;
      const ids = new Set(opts.personIds);
      return rows.filter((r) => ids.has(r.person_id));
    },
  };
}
