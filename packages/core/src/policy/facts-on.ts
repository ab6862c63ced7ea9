/**
 * A person's facts on a date for the rules: supplied facts, neutral values for the rest
 * (FACT_NEUTRAL — "facts not supplied take their neutral value", issue #5 point 4), birth date and
 * sex from the ID number, and age in full years (周岁) on `asOf`: someone born 1945-06-01 is 80 on
 * 2025-06-01, so "80周岁以上" includes the birthday itself.
 */
import { ageOn, isPlainDate, type PlainDate } from '../lib/dates';
import { FACT_NEUTRAL, type PersonFacts } from '../person/facts';
import { parseIdNumber } from '../person/id-number';

export function personFactsOn(input: Partial<PersonFacts> & { id_number?: string }, asOf: PlainDate): PersonFacts {
  const { id_number, ...given } = input;
  let birth: string | null = given.birth_date ?? null;
  let sex: PersonFacts['sex'] = given.sex ?? null;
  if (id_number) {
    const parsed = parseIdNumber(id_number, '9999-12-31');
    if (parsed.ok) {
      birth ??= parsed.value.birthDate;
      sex ??= parsed.value.sex;
    }
  }
  const facts: PersonFacts = {
    ...(FACT_NEUTRAL as Omit<PersonFacts, 'birth_date' | 'sex' | 'age' | 'alive'>),
    birth_date: birth,
    sex,
    age: null,
    alive: true,
  };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) (facts as unknown as Record<string, unknown>)[k] = v;
  facts.birth_date = birth;
  facts.sex = sex;
  // Age is always derived on asOf when the birth date is known; a supplied age is kept only without one.
  facts.age = birth && isPlainDate(birth) ? ageOn(birth, asOf) : (given.age ?? null);
  return facts;
}
