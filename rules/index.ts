/**
 * Every built-in rule, in one list. A test checks that each module under rules/ is listed
 * here exactly once and that ids are unique.
 */
import type { AnyRule } from '../src/engine/rule';
import deprecationRemovedApi from './deprecation/removed-api';
import metadataLiveObjectFields from './metadata/live-object-fields';
import metadataUnusedSuppression from './metadata/unused-suppression';
import schemaMissingApiVersionOrKind from './schema/missing-api-version-or-kind';
import schemaNotAnObject from './schema/not-an-object';
import schemaNotKubernetes from './schema/not-kubernetes';
import yamlAliasLimit from './yaml/alias-limit';
import yamlComplexKey from './yaml/complex-key';
import yamlDuplicateKey from './yaml/duplicate-key';
import yamlImplicitType from './yaml/implicit-type';
import yamlInvalidEncoding from './yaml/invalid-encoding';
import yamlLostIndentation from './yaml/lost-indentation';
import yamlMissingSpaceAfterColon from './yaml/missing-space-after-colon';
import yamlSlashComment from './yaml/slash-comment';
import yamlSyntax from './yaml/syntax';
import yamlTabIndentation from './yaml/tab-indentation';
import yamlUnknownTag from './yaml/unknown-tag';
import yamlUnreadableFile from './yaml/unreadable-file';

export const BUILTIN_RULES: readonly AnyRule[] = [
  yamlSyntax,
  yamlDuplicateKey,
  yamlTabIndentation,
  yamlMissingSpaceAfterColon,
  yamlSlashComment,
  yamlUnknownTag,
  yamlComplexKey,
  yamlImplicitType,
  yamlAliasLimit,
  yamlInvalidEncoding,
  yamlUnreadableFile,
  yamlLostIndentation,
  schemaNotKubernetes,
  schemaNotAnObject,
  schemaMissingApiVersionOrKind,
  metadataUnusedSuppression,
  metadataLiveObjectFields,
  deprecationRemovedApi,
];
