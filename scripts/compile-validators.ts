/**
 * Build step (part of `npm run build` and `prepare`): precompiles the strict validators of every
 * creatable kind of every bundled Kubernetes release into standalone modules,
 * dist/validators/kubernetes-<version>.js. Compiling the Pod schema at start-up costs 0.25-0.5 s;
 * loading a precompiled release costs about 50 ms, about 10 ms with the V8 code cache written
 * beside it (kubernetes-<version>.cache, used only by the Node.js version that wrote it). The
 * runtime compiler stays as the fallback.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { loadPool, loadRelease } from '../src/schema/data';
import { FORMAT_DEFINITIONS } from '../src/schema/formats';
import type { ValidateFunction } from 'ajv';
import { allKinds, schemaId, supportedVersions } from '../src/schema/store';
import { codeCachePath, createCodeCache, withBuildId } from '../src/util/code-cache';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
export const VALIDATORS_DIR = resolve(__dirname, '..', 'validators');

export function validatorModuleName(version: string): string {
  return `kubernetes-${version}.js`;
}

export function compileRelease(version: string): string {
  const release = loadRelease(version);
  if (release === undefined) throw new Error(`no schema data for ${version}`);
  const pool = loadPool();
  const definitions = Object.fromEntries(Object.entries(release.definitions).map(([name, key]) => [name, pool[key]]));
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    validateSchema: false,
    formats: FORMAT_DEFINITIONS,
    // The generated module requires the same format functions from the built package.
    code: { source: true, optimize: false, formats: _`require("../src/schema/formats.js").FORMAT_DEFINITIONS` },
  });
  ajv.addSchema({ $id: schemaId(version), definitions });
  // ObjectMeta validates the metadata of custom resources.
  const refs: Record<string, string> = { [OBJECT_META]: `${schemaId(version)}#/definitions/${OBJECT_META}` };
  for (const kind of allKinds(version)) {
    if (kind.creatable) refs[kind.definition] = `${schemaId(version)}#/definitions/${kind.definition}`;
  }
  return standaloneCode(ajv, refs);
}

function main(): void {
  mkdirSync(VALIDATORS_DIR, { recursive: true });
  for (const version of supportedVersions()) {
    const path = join(VALIDATORS_DIR, validatorModuleName(version));
    const source = withBuildId(compileRelease(version));
    writeFileSync(path, source);
    // Every validator run once, so that V8 has compiled (and caches) each of them.
    const warm = (validators: Record<string, ValidateFunction>): void => Object.values(validators).forEach((validate) => validate({}));
    writeFileSync(codeCachePath(path), createCodeCache(path, source, warm));
  }
}

if (require.main === module) main();
