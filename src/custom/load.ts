/**
 * The configuration's `rules:` entries → custom rules. An entry is a rule file, a folder (its
 * *.yaml, *.yml and *.json files, recursively) or a glob, relative to the configuration file;
 * an entry `{path, params}` instantiates the rule of one file with parameter values, and
 * `{path, instances: [{rule, id, params}]}` instantiates rules several times under new ids.
 * A file named by such an entry is not loaded again with its defaults by a folder or glob.
 */
import { resolve } from 'node:path';
import { ConfigError } from '../engine/config';
import type { AnyRule } from '../engine/rule';
import { discoverFiles, displayPath } from '../load/discover';
import type { Segment } from '../model/path';
import { suggest } from '../util/suggest';
import { instantiate, type Instance, type InstantiateHooks } from './instantiate';
import { readRuleFile, type RuleDefinition } from './rule-file';

export interface RuleEntryInstance {
  rule?: string;
  id?: string;
  params?: Record<string, unknown>;
}

export type RuleEntry = string | { path: string; params?: Record<string, unknown>; instances?: RuleEntryInstance[] };

export interface LoadRulesOptions {
  /** Directory that entries are relative to (the configuration file's). */
  baseDir: string;
  /** Working directory, for display paths. */
  cwd: string;
  /** Ids already taken (built-in rules). */
  takenIds: ReadonlySet<string>;
  /** A ConfigError positioned at a path inside the `rules:` list of the configuration. */
  errorAt(path: Segment[], message: string): ConfigError;
  hooks?: InstantiateHooks;
}

interface Loaded {
  rule: AnyRule;
  /** Where the id was given, for duplicate messages. */
  where: string;
}

export function loadCustomRules(entries: readonly RuleEntry[], options: LoadRulesOptions): AnyRule[] {
  const files = entries.map((entry, i) => resolveEntry(entry, i, options));
  const explicit = new Set<string>();
  entries.forEach((entry, i) => {
    if (typeof entry !== 'string' && (entry.params !== undefined || entry.instances !== undefined)) for (const file of files[i]) explicit.add(file.absolute);
  });
  const cache = new Map<string, RuleDefinition[]>();
  const definitionsOf = (file: { absolute: string; display: string }): RuleDefinition[] => {
    let defs = cache.get(file.absolute);
    if (defs === undefined) {
      defs = readRuleFile(file.absolute, file.display);
      cache.set(file.absolute, defs);
    }
    return defs;
  };

  const loaded = new Map<string, Loaded>();
  /** Adds a rule; `errorAt` positions a message where its id was given. */
  const add = (rule: AnyRule, where: string, errorAt: (message: string) => ConfigError): void => {
    const id = rule.meta.id;
    if (options.takenIds.has(id)) throw errorAt(`the rule id ${id} is a built-in rule's; choose another`);
    const previous = loaded.get(id);
    if (previous !== undefined) throw errorAt(`the rule id ${id} is already defined at ${previous.where}; give each rule and instance its own id`);
    loaded.set(id, { rule, where });
  };

  entries.forEach((entry, i) => {
    const object = typeof entry === 'string' ? undefined : entry;
    const definitions = files[i].filter((f) => object !== undefined || !explicit.has(f.absolute)).flatMap(definitionsOf);
    const configAt = (path: Segment[], message: string): ConfigError => options.errorAt([i, ...path], message);
    const origin = (path: Segment[]): string => {
      const located = configAt(path, '').message;
      return located.slice(0, located.indexOf(': '));
    };
    const defaults = (definition: RuleDefinition): void => {
      const rule = instantiate(definition, { id: definition.id, params: {} }, options.hooks);
      add(rule, `${definition.file}:${definition.line}`, (m) => definition.errorAt(['id'], m));
    };
    if (object === undefined || (object.params === undefined && object.instances === undefined)) {
      definitions.forEach(defaults);
      return;
    }
    if (object.params !== undefined) {
      if (object.instances !== undefined) throw configAt(['params'], 'give either `params` (one instance) or `instances`, not both');
      if (definitions.length !== 1) throw configAt(['params'], `\`params\` needs a path with exactly one rule, but ${object.path} has ${definitions.length} (${definitions.map((d) => d.id).join(', ')}); use \`instances\` with \`rule:\``);
      const definition = definitions[0];
      const instance: Instance = { id: definition.id, params: object.params, paramsErrorAt: (p, m) => configAt(['params', ...p], m), origin: origin(['params']) };
      add(instantiate(definition, instance, options.hooks), origin(['params']), (m) => configAt(['params'], m));
      return;
    }
    const instantiated = new Set<RuleDefinition>();
    (object.instances ?? []).forEach((spec, j) => {
      const at = (path: Segment[], message: string): ConfigError => configAt(['instances', j, ...path], message);
      const definition = pickDefinition(definitions, spec, object.path, at);
      instantiated.add(definition);
      const id = spec.id ?? definition.id;
      const instance: Instance = { id, params: spec.params ?? {}, paramsErrorAt: (p, m) => at(['params', ...p], m), origin: origin(['instances', j]) };
      add(instantiate(definition, instance, options.hooks), origin(['instances', j]), (m) => at(spec.id === undefined ? [] : ['id'], m));
    });
    definitions.filter((d) => !instantiated.has(d)).forEach(defaults);
  });
  return [...loaded.values()].map((l) => l.rule);
}

function pickDefinition(definitions: RuleDefinition[], spec: RuleEntryInstance, path: string, at: (path: Segment[], message: string) => ConfigError): RuleDefinition {
  if (spec.rule === undefined) {
    if (definitions.length === 1) return definitions[0];
    throw at([], `${path} defines ${definitions.length} rules (${definitions.map((d) => d.id).join(', ')}); say which one this instance is of with \`rule:\``);
  }
  const found = definitions.find((d) => d.id === spec.rule);
  if (found !== undefined) return found;
  const guess = suggest(spec.rule, definitions.map((d) => d.id));
  throw at(['rule'], `${path} defines no rule ${spec.rule}${guess === undefined ? '' : `; did you mean ${guess}?`} (it defines ${definitions.map((d) => d.id).join(', ')})`);
}

/** The rule files an entry names; a path that matches nothing is an error at the entry. */
function resolveEntry(entry: RuleEntry, index: number, options: LoadRulesOptions): { absolute: string; display: string }[] {
  const path = typeof entry === 'string' ? entry : entry.path;
  const { files, problems } = discoverFiles([path], { cwd: options.baseDir, ignore: [], useIgnoreFile: false });
  const at = (message: string): ConfigError => options.errorAt(typeof entry === 'string' ? [index] : [index, 'path'], message);
  if (problems.length > 0) throw at(`${path}: ${problems[0].message}`);
  if (files.length === 0) throw at(`${path} (relative to ${displayPath(options.cwd, options.baseDir) || '.'}) names no rule files (*.yaml, *.yml, *.json)`);
  return files.map((f) => ({ absolute: f.path, display: displayPath(options.cwd, resolve(f.path)) }));
}
