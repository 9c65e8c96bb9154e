export { buildManifest, type ManifestOptions } from './manifest.js';
