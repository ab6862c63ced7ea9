import { z } from 'zod';
import { RegionCode } from './common';

export const RegionLevelEnum = z.enum(['country', 'province', 'city', 'county', 'township', 'village']);

export const Region = z
  .object({
    code: RegionCode,
    name: z.string(),
    level: RegionLevelEnum,
    parent_code: z.string().nullable(),
    has_children: z.boolean(),
  })
  .meta({ id: 'Region' });
export type Region = z.infer<typeof Region>;

export const RegionWithPath = Region.extend({
  path: z.array(z.object({ code: z.string(), name: z.string(), level: RegionLevelEnum })),
});
