/**
 * The feature registry: one entry per page in the side menu. A later feature adds a page and a
 * menu item with one line here, e.g.
 *
 *   { path: 'persons', labelKey: 'menu.persons', icon: <IdcardOutlined />, permission: 'persons:read',
 *     group: 'elderly', page: lazyPage(() => import('@/pages/PersonsPage'), 'PersonsPage') },
 *
 * (plus its `menu.persons` text in i18n/zh-CN.ts, and a group in MENU_GROUPS if it is new).
 * Items whose permission the user lacks are neither in the menu nor reachable (403 page).
 * The order here is the menu order; a group sits where its first item is.
 */
import {
  AccountBookOutlined,
  GiftOutlined,
  AlertOutlined,
  ApartmentOutlined,
  CloudUploadOutlined,
  DiffOutlined,
  IdcardOutlined,
  MergeCellsOutlined,
  ContactsOutlined,
  FundOutlined,
  HeartOutlined,
  BarChartOutlined,
  ClockCircleOutlined,
  FormOutlined,
  SolutionOutlined,
  AuditOutlined,
  DashboardOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UserSwitchOutlined,
  BookOutlined,
  ExperimentOutlined,
  UnorderedListOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import type { Permission } from '@yiyang/core';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { MessageKey } from '@/i18n/t';

export interface MenuGroup {
  key: string;
  labelKey: MessageKey;
  icon: ReactNode;
}

export const MENU_GROUPS = [
  { key: 'elderly', labelKey: 'menu.groups.elderly', icon: <IdcardOutlined /> },
  { key: 'assessment', labelKey: 'menu.groups.assessment', icon: <SolutionOutlined /> },
  { key: 'system', labelKey: 'menu.groups.system', icon: <SettingOutlined /> },
  { key: 'care', labelKey: 'menu.groups.care', icon: <HeartOutlined /> },
  { key: 'policy', labelKey: 'menu.groups.policy', icon: <BookOutlined /> },
  { key: 'money', labelKey: 'menu.groups.money', icon: <AccountBookOutlined /> },
] as const satisfies readonly MenuGroup[];

export type MenuGroupKey = (typeof MENU_GROUPS)[number]['key'];

export interface FeatureRoute {
  /** URL path without the leading slash. */
  path: string;
  labelKey: MessageKey;
  icon: ReactNode;
  /** Needed to see the menu item and open the page; omitted: every signed-in user. */
  permission?: Permission;
  group?: MenuGroupKey;
  page: LazyExoticComponent<ComponentType>;
  /** Shown as a quick link on the workbench with this description. */
  quickLink?: MessageKey;
  /** A page reached from another page (e.g. a detail page `persons/:id`), not from the menu. */
  hideInMenu?: boolean;
}

/** Route-level code splitting for pages with named exports. */
export function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

export const FEATURE_ROUTES: FeatureRoute[] = [
  { path: 'workbench', labelKey: 'menu.workbench', icon: <DashboardOutlined />, page: lazyPage(() => import('@/pages/WorkbenchPage'), 'WorkbenchPage') },
  { path: 'persons', labelKey: 'menu.persons', icon: <IdcardOutlined />, permission: 'persons:read', group: 'elderly', page: lazyPage(() => import('@/pages/PersonsPage'), 'PersonsPage') },
  { path: 'persons/:id', labelKey: 'menu.persons', icon: <IdcardOutlined />, permission: 'persons:read', group: 'elderly', hideInMenu: true, page: lazyPage(() => import('@/pages/PersonPage'), 'PersonPage') },
  { path: 'persons-import', labelKey: 'menu.personImport', icon: <CloudUploadOutlined />, permission: 'persons:import', group: 'elderly', page: lazyPage(() => import('@/pages/PersonImportPage'), 'PersonImportPage') },
  { path: 'persons-conflicts', labelKey: 'menu.personConflicts', icon: <DiffOutlined />, permission: 'persons:read', group: 'elderly', page: lazyPage(() => import('@/pages/PersonConflictsPage'), 'PersonConflictsPage') },
  { path: 'persons-duplicates', labelKey: 'menu.personDuplicates', icon: <MergeCellsOutlined />, permission: 'persons:read', group: 'elderly', page: lazyPage(() => import('@/pages/PersonDuplicatesPage'), 'PersonDuplicatesPage') },
  { path: 'visits/mine', labelKey: 'menu.myVisits', icon: <HeartOutlined />, permission: 'visits:write', group: 'care', quickLink: 'workbench.links.myVisits', page: lazyPage(() => import('@/pages/MyVisitsPage'), 'MyVisitsPage') },
  { path: 'visits/roster', labelKey: 'menu.visitRoster', icon: <ContactsOutlined />, permission: 'visits:read', group: 'care', page: lazyPage(() => import('@/pages/VisitRosterPage'), 'VisitRosterPage') },
  { path: 'visits/rate', labelKey: 'menu.visitRate', icon: <FundOutlined />, permission: 'visits:read', group: 'care', quickLink: 'workbench.links.visitRate', page: lazyPage(() => import('@/pages/VisitRatePage'), 'VisitRatePage') },
  { path: 'visits/alerts', labelKey: 'menu.visitAlerts', icon: <AlertOutlined />, permission: 'visits:read', group: 'care', page: lazyPage(() => import('@/pages/VisitAlertsPage'), 'VisitAlertsPage') },
  { path: 'assessment', labelKey: 'menu.assessments', icon: <FormOutlined />, permission: 'assessments:read', group: 'assessment', page: lazyPage(() => import('@/pages/AssessmentsPage'), 'AssessmentsPage') },
  { path: 'assessment/due', labelKey: 'menu.assessmentDue', icon: <ClockCircleOutlined />, permission: 'assessments:read', group: 'assessment', page: lazyPage(() => import('@/pages/AssessmentDuePage'), 'AssessmentDuePage') },
  { path: 'assessment/statistics', labelKey: 'menu.assessmentStats', icon: <BarChartOutlined />, permission: 'stats:read', group: 'assessment', page: lazyPage(() => import('@/pages/AssessmentStatsPage'), 'AssessmentStatsPage') },
  { path: 'catalogue', labelKey: 'menu.catalogue', icon: <BookOutlined />, permission: 'catalogue:read', group: 'policy', page: lazyPage(() => import('@/pages/CataloguePage'), 'CataloguePage') },
  { path: 'worklists', labelKey: 'menu.worklists', icon: <UnorderedListOutlined />, permission: 'worklists:read', group: 'policy', page: lazyPage(() => import('@/pages/WorklistsPage'), 'WorklistsPage') },
  { path: 'benefits', labelKey: 'menu.benefits', icon: <GiftOutlined />, permission: 'benefits:read', group: 'money', page: lazyPage(() => import('@/pages/BenefitsPage'), 'BenefitsPage') },
  { path: 'payroll', labelKey: 'menu.payroll', icon: <AccountBookOutlined />, permission: 'benefits:read', group: 'money', page: lazyPage(() => import('@/pages/PayrollPage'), 'PayrollPage') },
  { path: 'accounts', labelKey: 'menu.accounts', icon: <WalletOutlined />, permission: 'accounts:read', group: 'money', page: lazyPage(() => import('@/pages/ServiceAccountsPage'), 'ServiceAccountsPage') },
  { path: 'simulation', labelKey: 'menu.simulation', icon: <ExperimentOutlined />, permission: 'eligibility:run', group: 'policy', page: lazyPage(() => import('@/pages/SimulationPage'), 'SimulationPage') },
  { path: 'system/orgs', labelKey: 'menu.orgs', icon: <ApartmentOutlined />, permission: 'orgs:read', group: 'system', quickLink: 'workbench.links.orgs', page: lazyPage(() => import('@/pages/OrgsPage'), 'OrgsPage') },
  { path: 'system/users', labelKey: 'menu.users', icon: <TeamOutlined />, permission: 'users:read', group: 'system', quickLink: 'workbench.links.users', page: lazyPage(() => import('@/pages/UsersPage'), 'UsersPage') },
  { path: 'system/roles', labelKey: 'menu.roles', icon: <UserSwitchOutlined />, permission: 'roles:read', group: 'system', quickLink: 'workbench.links.roles', page: lazyPage(() => import('@/pages/RolesPage'), 'RolesPage') },
  { path: 'system/audit', labelKey: 'menu.audit', icon: <AuditOutlined />, permission: 'audit:read', group: 'system', quickLink: 'workbench.links.audit', page: lazyPage(() => import('@/pages/AuditPage'), 'AuditPage') },
  { path: 'system/jobs', labelKey: 'menu.jobs', icon: <ScheduleOutlined />, permission: 'jobs:read', group: 'system', quickLink: 'workbench.links.jobs', page: lazyPage(() => import('@/pages/JobsPage'), 'JobsPage') },
];

export const HOME_PATH = '/workbench';
