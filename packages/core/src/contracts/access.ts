/** Organisations, users and roles. */
import { z } from 'zod';
import { RegionCode, Uuid } from './common';

export const OrgType = z.enum([
  'system',
  'civil_affairs_bureau',
  'street_office',
  'community_committee',
  'department',
  'assessment_agency',
  'service_provider',
  'institution',
  'finance_bureau',
]);
export type OrgType = z.infer<typeof OrgType>;

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  system: '平台运维',
  civil_affairs_bureau: '民政局',
  street_office: '街道办事处/乡镇政府',
  community_committee: '社区居委会/村委会',
  department: '其他部门',
  assessment_agency: '评估机构',
  service_provider: '服务商',
  institution: '养老机构',
  finance_bureau: '财政部门',
};

export const Organisation = z
  .object({
    id: Uuid,
    name: z.string(),
    type: OrgType,
    region_code: RegionCode,
    region_name: z.string(),
    parent_id: Uuid.nullable(),
    unified_credit_code: z.string().nullable(),
    contact_phone: z.string().nullable(),
    status: z.enum(['active', 'inactive']),
    version: z.number().int(),
    created_at: z.string(),
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof Organisation>;

export const CreateOrganisation = z.object({
  name: z.string().trim().min(2, '名称至少2个字').max(100, '名称不超过100个字'),
  type: OrgType,
  region_code: RegionCode,
  parent_id: Uuid.nullable().optional(),
  unified_credit_code: z
    .string()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '统一社会信用代码格式不正确')
    .nullable()
    .optional(),
  contact_phone: z.string().max(30).nullable().optional(),
});
export const UpdateOrganisation = CreateOrganisation.partial().extend({
  status: z.enum(['active', 'inactive']).optional(),
  version: z.number().int(),
});

export const Username = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '用户名为3-32位字母、数字、下划线，以字母开头');

export const UserStatus = z.enum(['active', 'disabled']);

export const User = z
  .object({
    id: Uuid,
    username: z.string(),
    display_name: z.string(),
    org_id: Uuid,
    org_name: z.string(),
    region_code: RegionCode,
    region_name: z.string(),
    roles: z.array(z.string()),
    /** Names of `roles`, in the same order (for users who may not read the role list). */
    role_names: z.array(z.string()),
    status: UserStatus,
    must_change_password: z.boolean(),
    mfa_enabled: z.boolean(),
    locked_until: z.string().nullable(),
    last_login_at: z.string().nullable(),
    version: z.number().int(),
    created_at: z.string(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const CreateUser = z.object({
  username: Username,
  display_name: z.string().trim().min(1, '请输入姓名').max(50, '姓名不超过50个字'),
  org_id: Uuid,
  roles: z.array(z.string()).min(1, '至少选择一个角色'),
  password: z.string().max(256).optional(),
});
export const CreateUserResponse = z.object({
  user: User,
  /** Present when the server generated the password; shown once. */
  initial_password: z.string().nullable(),
});
export const UpdateUser = z.object({
  display_name: z.string().trim().min(1).max(50).optional(),
  org_id: Uuid.optional(),
  roles: z.array(z.string()).min(1, '至少选择一个角色').optional(),
  status: UserStatus.optional(),
  version: z.number().int(),
});
export const ResetPasswordResponse = z.object({ initial_password: z.string() });

export const Role = z
  .object({
    code: z.string(),
    name: z.string(),
    description: z.string(),
    is_system: z.boolean(),
    require_mfa: z.boolean(),
    permissions: z.array(z.string()),
    version: z.number().int(),
  })
  .meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

export const CreateRole = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{2,39}$/, '角色代码为3-40位小写字母、数字、下划线'),
  name: z.string().trim().min(2).max(40),
  description: z.string().max(200).default(''),
  require_mfa: z.boolean().default(false),
  permissions: z.array(z.string()),
});
export const UpdateRole = z.object({
  name: z.string().trim().min(2).max(40).optional(),
  description: z.string().max(200).optional(),
  require_mfa: z.boolean().optional(),
  permissions: z.array(z.string()).optional(),
  version: z.number().int(),
});

export const PermissionInfo = z.object({ code: z.string(), name: z.string() });
