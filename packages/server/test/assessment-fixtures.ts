/**
 * Test helpers for the assessment module: an assessment agency with two assessors and a reviewer
 * in a county, full/partial forms, and a run of the workflow up to a state.
 */
import { itemScoresWithTotal, makeIdNumber, maxItemScores, type AssessmentForm } from '@yiyang/core';
import type { Actor } from '../src/platform/actor';
import { systemActor } from '../src/platform/actor';
import { actorFor, createUser, ensureOrg, type TestContext } from './harness';

export const fullItems = maxItemScores;
export const itemsWithTotal = itemScoresWithTotal;

export function formWith(items: Record<string, number>, extra: Partial<AssessmentForm> = {}): AssessmentForm {
  return {
    basic: { height_cm: 160, weight_kg: 55, education: 'primary', marital_status: 'widowed', living_with: ['alone'] },
    informant: { name: '王小明', relation: 'children' },
    diagnoses: [],
    coma: false,
    risk_events_30d: { fall: 0, wandering: 0, choking: 0, self_harm: 0, other: 0 },
    items,
    ...extra,
  };
}

export interface AssessmentTeam {
  agencyId: string;
  assessor1: { id: string; username: string; actor: Actor };
  assessor2: { id: string; username: string; actor: Actor };
  reviewer: { id: string; username: string; actor: Actor };
}

/** An agency at `county` with two assessors and a reviewer; usernames get `prefix`. */
export async function createTeam(t: TestContext, county: string, prefix: string): Promise<AssessmentTeam> {
  const agency = await ensureOrg(t, county, 'assessment_agency', `${prefix}评估中心`);
  const mk = async (suffix: string, role: string) => {
    const u = await createUser(t, { username: `${prefix}_${suffix}`, role, region: county, orgType: 'assessment_agency' });
    // createUser places users in the default-named org; move them into this agency.
    await t.ctx.db.updateTable('users').set({ org_id: agency.id }).where('id', '=', u.id).execute();
    return { id: u.id, username: u.username, actor: await actorFor(t, u.id) };
  };
  return { agencyId: agency.id, assessor1: await mk('assessor1', 'assessor'), assessor2: await mk('assessor2', 'assessor'), reviewer: await mk('reviewer', 'assessment_reviewer') };
}

export async function createPerson(t: TestContext, o: { region: string; birth: string; seq: number; name: string }) {
  const p = await t.ctx.services.registry.create(systemActor('fixture'), {
    id_type: 'resident',
    id_number: makeIdNumber(o.region.slice(0, 6), o.birth, o.seq),
    name: o.name,
    region_code: o.region,
  });
  return p;
}

/** Run the workflow as the team up to `until` (inclusive) and return the assessment id. */
export async function runWorkflow(
  t: TestContext,
  team: AssessmentTeam,
  requester: Actor,
  personId: string,
  o: { form: AssessmentForm; until: 'requested' | 'assigned' | 'in_progress' | 'submitted' | 'reviewed' | 'published'; reason?: 'first' | 'routine' | 'immediate' },
): Promise<string> {
  const s = t.ctx.services.assessment;
  let d = await s.request(requester, { person_id: personId, reason: o.reason ?? 'first', channel: 'applicant', applicant_name: '王小明', applicant_relation: 'child' });
  if (o.until === 'requested') return d.id;
  d = await s.assign(team.reviewer.actor, d.id, { agency_id: team.agencyId, assessor_ids: [team.assessor1.id, team.assessor2.id], version: d.version });
  if (o.until === 'assigned') return d.id;
  d = await s.saveDraft(team.assessor1.actor, d.id, { form: o.form, version: d.version });
  if (o.until === 'in_progress') return d.id;
  d = await s.submit(team.assessor2.actor, d.id, { version: d.version });
  if (o.until === 'submitted') return d.id;
  d = await s.review(team.reviewer.actor, d.id, { decision: 'approve', comment: '符合规范', version: d.version });
  if (o.until === 'reviewed') return d.id;
  d = await s.publish(team.reviewer.actor, d.id, { version: d.version });
  return d.id;
}
