export { createOrgService, type OrgService } from './orgs.service';
export { orgRoutes } from './orgs.routes';
