/**
 * Form rules from the shared zod schemas (architecture guide §6): the same schema the server
 * validates with checks the field in the browser, so the two cannot drift apart.
 */
import type { FormRule } from 'antd';
import type { z } from 'zod';

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * An AntD rule validating one field with `schema`. An empty field passes when the schema accepts
 * `undefined` (an optional field) and otherwise fails with `requiredMessage`.
 */
export function zodRule(schema: z.ZodType, requiredMessage: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (isEmpty(value) && !Array.isArray(value)) {
        if (schema.safeParse(undefined).success) return;
        throw new Error(requiredMessage);
      }
      const result = schema.safeParse(value);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new Error(isEmpty(value) ? requiredMessage : (issue?.message ?? requiredMessage));
      }
    },
  };
}
