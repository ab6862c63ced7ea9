export { createCatalogueService, type CatalogueService, CATALOGUE_PUBLISHED_EVENT, type CataloguePublishedEvent, SEED_EFFECTIVE_FROM } from './catalogue.service';
export { catalogueRoutes } from './catalogue.routes';
export { loadPackDirectory } from './pack-files';
