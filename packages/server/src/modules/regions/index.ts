export { createRegionService, type RegionService } from './regions.service';
export { regionRoutes } from './regions.routes';
export { readRegions, SOURCE_EDITION } from './region-source';
