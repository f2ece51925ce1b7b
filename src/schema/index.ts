/** Bundled Kubernetes API schemas: kinds, namespacing, strict validators, schema lookups. */
export {
  allKinds,
  defaultVersion,
  definitionSchema,
  definitionValidator,
  isNamespaced,
  kindInfo,
  kindsByName,
  normalizeVersion,
  propertiesAt,
  schemaAt,
  schemaId,
  supportedVersions,
  typeNameAt,
  useSchemaDataDir,
  validatorFor,
  type KindInfo,
  type KindRecord,
  type PathSegment,
  type SchemaNode,
} from './store';
export { compareApiVersions, formatApiVersion, parseApiVersion, type GroupVersion } from './apiversion';
export { schemaDataDir } from './data';
export { isBase64, isDateTime, isInt32, isInt64, isMicroTime, isQuantity } from './formats';
