/**
 * Shared wire contracts. The public API speaks snake_case JSON; these zod schemas are the single
 * source for request validation, response serialisation, the OpenAPI document and web forms.
 */
import { z } from 'zod';
import { isPlainDate, isPlainMonth } from '../lib/dates';
import { isRegionCode } from '../regions/region-code';

// Default validation messages in Chinese, for users of the API and the forms alike.
z.config(z.locales.zhCN());

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.record(z.string(), z.unknown())).optional(),
      request_id: z.string().optional(),
    }),
  })
  .meta({ id: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const Uuid = z.string().uuid({ message: '编号格式不正确' });
export const RegionCode = z
  .string()
  .refine(isRegionCode, { message: '区划代码应为6位、9位或12位数字' })
  .meta({ description: 'GB/T 2260 (6 digits) or statistical division code (9/12 digits)', example: '330781' });
export const PlainDateString = z
  .string()
  .refine(isPlainDate, { message: '日期格式应为YYYY-MM-DD' })
  .meta({ example: '2025-06-01' });
export const PlainMonthString = z
  .string()
  .refine(isPlainMonth, { message: '月份格式应为YYYY-MM' })
  .meta({ example: '2025-06' });

export const Pagination = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

export const OkResponse = z.object({ ok: z.literal(true) });
