/**
 * Named permissions. Every API route declares one (deny by default); roles are sets of them.
 * Labels are the Chinese names shown on the role pages.
 */
export const PERMISSIONS = {
  'regions:read': '查看行政区划',
  'regions:write': '维护行政区划',
  'orgs:read': '查看组织机构',
  'orgs:write': '维护组织机构',
  'users:read': '查看用户',
  'users:write': '维护用户',
  'roles:read': '查看角色',
  'roles:write': '维护角色与权限',
  'audit:read': '查看审计日志',
  'audit:export': '导出审计日志',
  'persons:read': '查看老年人档案',
  'persons:write': '维护老年人档案',
  'persons:import': '导入部门数据',
  'persons:export': '导出老年人档案',
  'pii:reveal': '查看完整身份证号等敏感信息',
  'health:read': '查看健康与评估详情',
  'assessments:read': '查看能力评估',
  'assessments:request': '申请能力评估',
  'assessments:assign': '分派评估机构和评估员',
  'assessments:perform': '实施能力评估',
  'assessments:review': '审核发布评估结果',
  'catalogue:read': '查看基本养老服务清单',
  'catalogue:write': '编辑清单草案',
  'catalogue:approve': '审批清单',
  'catalogue:publish': '发布清单',
  'eligibility:run': '运行资格测算与服务找人',
  'worklists:read': '查看应享未享/不应享而享工作清单',
  'worklists:write': '处理工作清单',
  'benefits:read': '查看津补贴',
  'benefits:apply': '受理津补贴申请',
  'benefits:review': '初审津补贴申请',
  'benefits:approve': '审批津补贴申请',
  'payroll:prepare': '编制发放名册',
  'payroll:approve': '复核批准发放名册',
  'accounts:read': '查看服务账户',
  'accounts:write': '服务账户记账',
  'visits:read': '查看探访记录',
  'visits:write': '登记探访',
  'visits:assign': '分配探访对象',
  'services:read': '查看服务订单',
  'services:write': '提交服务订单',
  'stats:read': '查看统计',
  'jobs:read': '查看后台任务',
  'system:admin': '系统管理',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(p: string): p is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, p);
}
