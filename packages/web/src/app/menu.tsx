import type { MenuProps } from 'antd';
import { Link } from 'react-router-dom';
import type { Session } from '@/features/auth/session';
import { t } from '@/i18n/t';
import { FEATURE_ROUTES, MENU_GROUPS, type FeatureRoute } from './routes';

type MenuItem = Required<MenuProps>['items'][number];

export function visibleRoutes(session: Pick<Session, 'can'>): FeatureRoute[] {
  return FEATURE_ROUTES.filter((r) => !r.permission || session.can(r.permission));
}

function testIdOf(path: string): string {
  return `menu-${path.replace(/\//g, '-')}`;
}

/** Side menu from the registry: only what the user may open; empty groups disappear. */
export function buildMenuItems(routes: FeatureRoute[]): MenuItem[] {
  const items: MenuItem[] = [];
  const groups = new Map<string, MenuItem[]>();
  for (const r of routes) {
    if (r.hideInMenu) continue;
    const item: MenuItem = {
      key: `/${r.path}`,
      icon: r.icon,
      label: (
        <Link to={`/${r.path}`} data-testid={testIdOf(r.path)}>
          {t(r.labelKey)}
        </Link>
      ),
    };
    if (!r.group) {
      items.push(item);
      continue;
    }
    let children = groups.get(r.group);
    if (!children) {
      children = [];
      groups.set(r.group, children);
      const g = MENU_GROUPS.find((x) => x.key === r.group)!;
      items.push({
        key: `group:${g.key}`,
        icon: g.icon,
        label: <span data-testid={`menu-group-${g.key}`}>{t(g.labelKey)}</span>,
        children,
      });
    }
    children.push(item);
  }
  return items;
}

/** The registry entry for a location (longest matching path). */
export function routeForPath(pathname: string): FeatureRoute | undefined {
  return FEATURE_ROUTES.filter((r) => pathname === `/${r.path}` || pathname.startsWith(`/${r.path}/`)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
}
