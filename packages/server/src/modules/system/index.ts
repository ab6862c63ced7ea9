export { createSystemService, type SystemService } from './system.service';
export { systemRoutes, healthRoute } from './system.routes';
