/**
 * A rule definition plus parameter values becomes an ordinary object rule, so the engine,
 * severities, suppressions, baselines, reporters, `kubevet rules` and `kubevet explain` treat
 * custom rules exactly like built-in ones.
 */
import { ConfigError, validateAgainstSchema } from '../engine/config';
import { defineObjectRule, type JsonSchema, type ObjectRule } from '../engine/rule';
import { formatPath, isRecord, type Segment } from '../model/path';
import type { Category, Severity } from '../types';
import { compileAssertion, evaluateAssertion, OperandError, type CompiledAssertion, type Violation } from './operators';
import type { RuleDefinition } from './rule-file';
import { compileConditionSchema, SchemaDefinitionError, type CompiledSchema } from './schema-check';
import { compileTarget, subjectsOf, targetAppliesTo, TargetError, type CompiledTarget } from './target';
import { LOAD_ROOTS, MESSAGE_ROOTS, parseTemplate, renderTemplate, substitute, SubstitutionError, type TemplatePart } from './template';

export interface Instance {
  id: string;
  /** Parameter values as given (defaults are filled in here). */
  params: Record<string, unknown>;
  /** Positions errors in the given parameters (the configuration entry that gave them). */
  paramsErrorAt?: (path: Segment[], message: string) => ConfigError;
  /** Where the parameters come from, for messages about the rule file (`.kubevet.yaml:12:9`). */
  origin?: string;
}

export interface InstantiateHooks {
  /** Called for every target checked (kubevet test-rule counts them). */
  onTarget?: () => void;
}

/** Not substituted: the parameter schema and the examples are taken as written. */
const NOT_SUBSTITUTED = new Set(['parameters', 'examples']);

export function instantiate(definition: RuleDefinition, instance: Instance, hooks: InstantiateHooks = {}): ObjectRule<unknown> {
  const params = fillParameters(definition, instance);
  const where = instance.origin === undefined && instance.id === definition.id ? '' : ` (rule ${instance.id}${instance.origin === undefined ? '' : `, parameters from ${instance.origin}`})`;
  const fail = (path: Segment[], message: string): ConfigError => definition.errorAt(path, `${message}${where}`);
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(definition.body)) {
    if (NOT_SUBSTITUTED.has(key)) {
      body[key] = value;
      continue;
    }
    try {
      body[key] = substitute(value, { params }, LOAD_ROOTS, MESSAGE_ROOTS, [key]);
    } catch (error) {
      if (error instanceof SubstitutionError) throw fail(error.detail.path, error.message);
      throw error;
    }
  }

  let target: CompiledTarget;
  try {
    target = compileTarget(isRecord(body.target) ? body.target : {});
  } catch (error) {
    if (error instanceof TargetError) throw fail(['target', error.key], error.message);
    throw error;
  }
  const assertions: CompiledAssertion[] = [];
  const items = Array.isArray(body.assert) ? body.assert : [];
  items.forEach((item, i) => {
    try {
      assertions.push(compileAssertion(item as Record<string, unknown>, MESSAGE_ROOTS));
    } catch (error) {
      if (error instanceof OperandError) throw fail(['assert', i, error.key], error.message);
      throw error;
    }
  });
  let schema: CompiledSchema | undefined;
  if (body.schema !== undefined) {
    try {
      schema = compileConditionSchema(body.schema);
    } catch (error) {
      if (error instanceof SchemaDefinitionError) throw fail(['schema', ...error.path], error.message);
      throw error;
    }
  }
  let message: TemplatePart[] | undefined;
  if (typeof body.message === 'string') {
    try {
      message = parseTemplate(body.message, MESSAGE_ROOTS);
    } catch (error) {
      throw fail(['message'], (error as Error).message);
    }
  }

  const description = String(body.description);
  const examples = body.examples as { bad?: string; good?: string } | undefined;
  return defineObjectRule<unknown>({
    meta: {
      id: instance.id,
      category: body.category as Category,
      severity: (body.severity as Severity | undefined) ?? 'warning',
      description,
      rationale: typeof body.rationale === 'string' ? body.rationale : '',
      ...(typeof body.fix === 'string' ? { fix: body.fix } : {}),
      ...(examples === undefined ? {} : { examples }),
      ...(body.enabledByDefault === false ? { enabledByDefault: false } : {}),
      helpUri: typeof body.url === 'string' ? body.url : '',
      definedIn: `${definition.file}:${definition.line}`,
      ...(Object.keys(params).length > 0 ? { parameters: params } : {}),
    },
    appliesTo: (object) => targetAppliesTo(target, object),
    check(object, context) {
      for (const subject of subjectsOf(target, object)) {
        hooks.onTarget?.();
        const scope = { params, object: object.raw, target: subject.value, container: subject.container };
        const found: Violation[] = schema === undefined ? [] : schema.validate(subject.value, scope);
        for (const assertion of assertions) for (const v of evaluateAssertion(assertion, subject.value, scope)) found.push(v);
        for (const violation of found) {
          const path = [...subject.path, ...violation.path];
          const field = formatPath(path);
          const who = subject.container === undefined ? '' : `container ${typeof subject.container.name === 'string' ? subject.container.name : '(unnamed)'}: `;
          const problem = `${who}\`${field}\` ${violation.phrase}`;
          const template = violation.message ?? message;
          const text =
            template === undefined
              ? `${problem}. ${/[.!?]$/.test(description) ? description : `${description}.`}`
              : renderTemplate(template, { ...scope, value: violation.value, field, key: path.length === 0 ? '' : String(path[path.length - 1]), problem, description });
          context.report({ path, message: text, ...(violation.atKey === true ? { target: 'key' as const } : {}) });
        }
      }
    },
  });
}

/** The instance's parameters checked against the rule's `parameters` schema, defaults filled in. */
function fillParameters(definition: RuleDefinition, instance: Instance): Record<string, unknown> {
  const schema = definition.body.parameters as JsonSchema | undefined;
  const params = structuredClone(instance.params);
  if (schema === undefined) {
    if (Object.keys(params).length > 0) {
      const errorAt = instance.paramsErrorAt ?? definition.errorAt;
      throw errorAt([], `the rule ${definition.id} (${definition.file}:${definition.line}) takes no parameters`);
    }
    return params;
  }
  const given = Object.keys(instance.params).length > 0;
  const errorAt = (path: Segment[], message: string): ConfigError => {
    if (given && instance.paramsErrorAt !== undefined) return instance.paramsErrorAt(path, message);
    const missing = /needs `([^`]+)`/.exec(message);
    if (missing !== null) {
      return definition.errorAt(['parameters'], `the rule ${instance.id} needs the parameter \`${missing[1]}\`: give it in the configuration (rules: [{path: ${definition.file}, params: {${missing[1]}: …}}]) or a default here`);
    }
    return definition.errorAt(['parameters'], message);
  };
  try {
    validateAgainstSchema(params, schema, errorAt, `parameters of ${instance.id}`, { useDefaults: true });
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw definition.errorAt(['parameters'], `invalid parameter schema: ${(error as Error).message}`);
  }
  return params;
}
