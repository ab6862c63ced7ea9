export { createRegistryService, type RegistryService, type PersonRef, type SetFactInput, type FactSourceType } from './registry.service';
export type { PersonKey } from './registry.repository';
export { registryRoutes } from './registry.routes';
export { openImport, type ImportRow } from './import/import-file';
