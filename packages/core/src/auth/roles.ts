import { ALL_PERMISSIONS, type Permission } from './permissions';

/**
 * Built-in roles (PRODUCT.md "Users and roles"). They are seeded into the `roles` table and can be
 * edited there; custom roles can be added. `requireMfa` reflects 等保 level 3 (two factors for staff)
 * and is switched per role by an administrator.
 */
export interface RoleDefinition {
  code: string;
  name: string;
  description: string;
  permissions: readonly Permission[];
}

const READ_BASE: Permission[] = ['regions:read', 'orgs:read'];
const STAFF_READ: Permission[] = [
  ...READ_BASE,
  'persons:read',
  'assessments:read',
  'catalogue:read',
  'worklists:read',
  'benefits:read',
  'accounts:read',
  'visits:read',
  'services:read',
  'stats:read',
];

export const SYSTEM_ROLES: readonly RoleDefinition[] = [
  {
    code: 'system_admin',
    name: '系统管理员',
    description: '平台运维：用户、角色、组织、区划和审计，可见全部数据',
    permissions: ALL_PERMISSIONS,
  },
  {
    code: 'city_admin',
    name: '市级管理员',
    description: '市民政局：全市数据、清单审批发布、本市用户管理',
    permissions: ALL_PERMISSIONS.filter((p) => p !== 'system:admin' && p !== 'regions:write'),
  },
  {
    code: 'county_staff',
    name: '县区民政工作人员',
    description: '县（市、区）民政局：本县数据、审批、发放',
    permissions: [
      ...STAFF_READ,
      'users:read', 'users:write', 'roles:read', 'orgs:write', 'audit:read',
      'persons:write', 'persons:import', 'persons:export', 'pii:reveal', 'health:read',
      'assessments:request', 'assessments:assign', 'assessments:review',
      'catalogue:write', 'catalogue:approve', 'catalogue:publish', 'eligibility:run', 'worklists:write',
      'benefits:apply', 'benefits:review', 'benefits:approve', 'payroll:prepare',
      'visits:assign', 'visits:write', 'jobs:read',
    ],
  },
  {
    code: 'street_staff',
    name: '街道（乡镇）工作人员',
    description: '街道/乡镇：本街道数据、受理、初审、确认免申即享',
    permissions: [
      ...STAFF_READ,
      'users:read', 'persons:write', 'persons:import', 'pii:reveal', 'health:read',
      'assessments:request', 'worklists:write', 'benefits:apply', 'benefits:review',
      'visits:assign', 'visits:write',
    ],
  },
  {
    code: 'community_worker',
    name: '社区（村）工作人员',
    description: '社区/村：本社区老人信息维护、探访、代办申请',
    permissions: [
      ...STAFF_READ,
      'persons:write', 'assessments:request', 'benefits:apply', 'visits:assign', 'visits:write',
    ],
  },
  {
    code: 'assessor',
    name: '评估员',
    description: '评估机构评估员：实施老年人能力评估',
    permissions: [...READ_BASE, 'persons:read', 'health:read', 'assessments:read', 'assessments:perform'],
  },
  {
    code: 'assessment_reviewer',
    name: '评估机构审核员',
    description: '评估机构负责人/质控：分派本机构评估员，审核并发布评估结果（不得审核本人参与的评估）',
    permissions: [...READ_BASE, 'persons:read', 'health:read', 'assessments:read', 'assessments:assign', 'assessments:review', 'stats:read'],
  },
  {
    code: 'visitor',
    name: '探访员',
    description: '网格员、社工、志愿者：只看分配给本人的探访对象',
    permissions: [...READ_BASE, 'visits:read', 'visits:write'],
  },
  {
    code: 'provider_staff',
    name: '服务商工作人员',
    description: '居家服务商、助餐点、养老机构：服务订单与结算',
    permissions: [...READ_BASE, 'services:read', 'services:write', 'accounts:read'],
  },
  {
    code: 'finance_reviewer',
    name: '财务复核员',
    description: '复核批准发放名册（与编制人不得为同一人）',
    permissions: [...READ_BASE, 'benefits:read', 'payroll:approve', 'accounts:read', 'stats:read'],
  },
  {
    code: 'auditor',
    name: '审计员（只读）',
    description: '只读：查看业务数据与审计日志，不能修改',
    permissions: [...STAFF_READ, 'audit:read', 'audit:export', 'users:read', 'roles:read', 'jobs:read'],
  },
];

export function findSystemRole(code: string): RoleDefinition | undefined {
  return SYSTEM_ROLES.find((r) => r.code === code);
}
