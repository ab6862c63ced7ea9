export { loadPackDirectory } from './pack-files';
