/**
 * `kubevet rbac who-can VERB RESOURCE` and `kubevet rbac permissions SUBJECT`: the RBAC
 * authorizer run over manifests. Text output is a table; `--format json` is a stable contract.
 */
import { parseArgs } from 'node:util';
import type { AnalysisOptions } from '../../analysis/rbac/analysis';
import { UsageError } from '../args';
import type { CliIo } from '../main';
import { DEFAULT_KUBERNETES_VERSION, isSupportedVersion, SUPPORTED_KUBERNETES_VERSIONS } from '../../versions';
import type { KubeObject } from '../../model/object';
import type { Subject } from '../../analysis/rbac/types';
import type { PermissionScope, WhoCanQuery, WhoCanRow } from '../../analysis/rbac/queries';
import type { IdentityRisk } from '../../analysis/rbac/analysis';
import type { WorkloadIdentity } from '../../analysis/rbac/workloads';

export const RBAC_HELP = `kubevet rbac — who can do what, from manifests alone

Usage:
  kubevet rbac who-can VERB RESOURCE [--namespace NS] [--name NAME] [paths…]
  kubevet rbac permissions SUBJECT [paths…]

RESOURCE is resource[.group][/subresource] (pods, deployments.apps, pods/exec) or a URL path
(/healthz). SUBJECT is sa:NAMESPACE/NAME, user:NAME or group:NAME.

Options:
  -n, --namespace <ns>            who-can: only grants effective in this namespace
                                  (default: any namespace or cluster-wide)
      --name <name>               who-can: a request on this object (resourceNames count)
  -f, --format <text|json>        output format (default text)
  -k, --kubernetes-version <v>    version of the built-in roles: ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')}
      --builtin-bindings          include the ClusterRoleBindings every cluster starts with
                                  (cluster-admin → group system:masters, …)
      --default-namespace <ns>    namespace of objects that set none (default "default")
  -h, --help                      print this help

Exit codes: 0 answered; 2 usage error or unreadable input.
`;

const OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  name: { type: 'string' },
  format: { type: 'string', short: 'f' },
  'kubernetes-version': { type: 'string', short: 'k' },
  'builtin-bindings': { type: 'boolean' },
  'default-namespace': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface RbacArgs {
  command: 'who-can' | 'permissions';
  positionals: string[];
  namespace: string | undefined;
  name: string | undefined;
  format: 'text' | 'json';
  kubernetesVersion: string;
  builtinBindings: boolean;
  defaultNamespace: string;
}

function parse(argv: string[]): RbacArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  const command = positionals[0];
  if (command === undefined) throw new UsageError('kubevet rbac needs a command: who-can or permissions');
  if (command !== 'who-can' && command !== 'permissions') throw new UsageError(`unknown rbac command "${command}"; use who-can or permissions`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
  const kubernetesVersion = values['kubernetes-version'] ?? DEFAULT_KUBERNETES_VERSION;
  if (!isSupportedVersion(kubernetesVersion)) throw new UsageError(`Kubernetes version "${kubernetesVersion}" is not supported; use one of ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')}`);
  if (command === 'permissions' && (values.namespace !== undefined || values.name !== undefined)) throw new UsageError('--namespace and --name belong to who-can; permissions lists every namespace');
  return {
    command,
    positionals: positionals.slice(1),
    namespace: values.namespace,
    name: values.name,
    format,
    kubernetesVersion,
    builtinBindings: values['builtin-bindings'] ?? false,
    defaultNamespace: values['default-namespace'] ?? 'default',
  };
}

/** `pods`, `deployments.apps`, `pods/exec`, `/healthz` → query fields (group from the run's CRDs or known resources). */
export function parseResourceArg(text: string, crdGroups: ReadonlyMap<string, string>, resourceGroup: (r: string) => string | undefined): Omit<WhoCanQuery, 'verb' | 'name' | 'namespace'> {
  if (text.startsWith('/')) return { apiGroup: '', resource: '', subresource: '', path: text };
  if (text === '') throw new UsageError('RESOURCE is empty');
  const slash = text.indexOf('/');
  const head = (slash < 0 ? text : text.slice(0, slash)).toLowerCase();
  const subresource = slash < 0 ? '' : text.slice(slash + 1);
  const dot = head.indexOf('.');
  if (dot > 0) return { apiGroup: head.slice(dot + 1), resource: head.slice(0, dot), subresource };
  for (const candidate of [head, `${head}s`, `${head}es`, head.endsWith('y') ? `${head.slice(0, -1)}ies` : head]) {
    const known = resourceGroup(candidate) ?? crdGroups.get(candidate);
    if (known !== undefined) return { apiGroup: known, resource: candidate, subresource };
  }
  return { apiGroup: '', resource: head, subresource };
}

/** `sa:ns/name`, `serviceaccount:ns/name`, `system:serviceaccount:ns:name`, `user:NAME`, `group:NAME`. */
export function parseSubjectArg(text: string): Subject {
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(text);
  if (sa !== null) return { kind: 'ServiceAccount', namespace: sa[1], name: sa[2] };
  const colon = text.indexOf(':');
  const prefix = colon < 0 ? '' : text.slice(0, colon).toLowerCase();
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  if (prefix === 'sa' || prefix === 'serviceaccount') {
    const parts = rest.split('/');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') throw new UsageError(`a ServiceAccount is written sa:NAMESPACE/NAME, got "${text}"`);
    return { kind: 'ServiceAccount', namespace: parts[0], name: parts[1] };
  }
  if ((prefix === 'user' || prefix === 'group') && rest !== '') return { kind: prefix === 'user' ? 'User' : 'Group', name: rest };
  throw new UsageError(`SUBJECT must be sa:NAMESPACE/NAME, user:NAME or group:NAME, got "${text}"`);
}

function crdGroupsOf(objects: readonly KubeObject[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const object of objects) {
    if (object.kind !== 'CustomResourceDefinition') continue;
    const spec = object.raw.spec as { group?: unknown; names?: { plural?: unknown } } | undefined;
    if (typeof spec?.group === 'string' && typeof spec.names?.plural === 'string') out.set(spec.names.plural, spec.group);
  }
  return out;
}

function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd()).join('\n') + '\n';
}

/** The JSON contract of who-can: `{kind, name, namespace (ServiceAccounts only), via: [{binding, role}]}`. */
export function whoCanJson(rows: readonly WhoCanRow[]): unknown[] {
  return rows.map((row) => {
    const s = row.subject;
    const base = s.kind === 'ServiceAccount' ? { kind: s.kind, name: s.name, namespace: s.namespace ?? '' } : { kind: s.kind, name: s.name };
    return { ...base, via: row.via.map((v) => ({ binding: v.binding, role: v.role })) };
  });
}

function whoCanText(rows: readonly WhoCanRow[], what: string): string {
  if (rows.length === 0) return `No subject in these manifests can ${what}.\n`;
  const lines = [['KIND', 'NAME', 'NAMESPACE', 'BINDING', 'ROLE']];
  for (const row of rows) {
    row.via.forEach((v, i) => lines.push(i === 0 ? [row.subject.kind, row.subject.name, row.subject.namespace ?? '', v.binding, v.role] : ['', '', '', v.binding, v.role]));
  }
  return table(lines);
}

function permissionsText(subject: Subject, user: { name: string; groups: readonly string[] }, scopes: readonly PermissionScope[], risks: readonly IdentityRisk[], workloads: readonly WorkloadIdentity[]): string {
  const name = subject.kind === 'ServiceAccount' ? `${subject.namespace ?? ''}/${subject.name}` : subject.name;
  const out = [`${subject.kind} ${name}${user.name === '' ? '' : ` (user ${user.name})`}, groups: ${user.groups.join(', ')}\n`];
  if (scopes.length === 0) out.push('\nNo binding in these manifests grants it anything.\n');
  for (const scope of scopes) {
    out.push(`\n${scope.namespace === null ? 'Cluster-wide' : `Namespace ${scope.namespace}`}:\n`);
    const lines = [['VERBS', 'API GROUP', 'RESOURCE', 'NAME', 'VIA']];
    for (const rule of scope.rules) {
      const via = rule.via.map((v) => `${v.binding} → ${v.role}`).join(', ');
      if (rule.nonResourceURL !== undefined) lines.push([rule.verbs.join(','), '', rule.nonResourceURL, '', via]);
      else lines.push([rule.verbs.join(','), rule.apiGroup === '' ? 'core' : (rule.apiGroup ?? ''), rule.resource ?? '', rule.resourceName ?? '', via]);
    }
    out.push(table(lines).split('\n').map((line) => (line === '' ? '' : `  ${line}`)).join('\n'));
  }
  const shown = risks.filter((r) => r.hit.tier !== 'low');
  if (shown.length > 0) {
    out.push('\nRisky permissions:\n');
    for (const r of shown) out.push(`  ${r.hit.tier.padEnd(8)}  ${r.hit.pattern.title} ${r.namespace === null ? 'cluster-wide' : `in namespace ${r.namespace}`}\n`);
  }
  if (workloads.length > 0) {
    out.push('\nWorkloads running as it:\n');
    for (const w of workloads) out.push(`  ${w.object.displayName()} (${w.token === 'none' ? 'no token mounted' : w.token === 'projected' ? 'projected token' : 'token automounted'})\n`);
  }
  return out.join('');
}

export function run(argv: string[], io: CliIo): number {
  const args = parse(argv);
  if (args === 'help') {
    io.stdout(RBAC_HELP);
    return 0;
  }
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand for start-up speed */
  const { loadRun } = require('../pipeline') as typeof import('../pipeline');
  const rbac = require('../../analysis/rbac') as typeof import('../../analysis/rbac');
  /* eslint-enable @typescript-eslint/no-require-imports */
  let query: WhoCanQuery | undefined;
  let subject: Subject | undefined;
  let paths: string[];
  if (args.command === 'who-can') {
    const [verb, resource, ...rest] = args.positionals;
    if (verb === undefined || resource === undefined) throw new UsageError('who-can needs a VERB and a RESOURCE, e.g. kubevet rbac who-can get secrets');
    paths = rest;
    query = { verb, apiGroup: '', resource, subresource: '', name: args.name ?? '', namespace: args.namespace };
  } else {
    const [text, ...rest] = args.positionals;
    if (text === undefined) throw new UsageError('permissions needs a SUBJECT, e.g. kubevet rbac permissions sa:billing/ops');
    subject = parseSubjectArg(text);
    paths = rest;
  }

  const { load, build } = loadRun(paths, { cwd: io.cwd, namespace: args.defaultNamespace, ignore: [], maxFileBytes: 64 * 1024 * 1024 });
  const unreadable = load.problems.filter((p) => p.ruleId === 'yaml/unreadable-file');
  if (unreadable.length > 0) {
    for (const p of unreadable) io.stderr(`kubevet: ${p.file}: ${p.message}\n`);
    return 2;
  }
  const problems = load.problems.length + build.problems.filter((p) => p.ruleId !== 'schema/not-kubernetes').length;
  if (problems > 0) io.stderr(`kubevet: ${problems} problem(s) while reading the manifests (those documents are left out); run kubevet on them for details\n`);
  const options: AnalysisOptions = { kubernetesVersion: args.kubernetesVersion, builtinBindings: args.builtinBindings };
  const analysis = new rbac.RbacAnalysis(build.objects, options);
  const policy = analysis.policy;

  if (query !== undefined) {
    const resource = parseResourceArg(query.resource, crdGroupsOf(build.objects), rbac.resourceGroup);
    const full: WhoCanQuery = { ...query, ...resource };
    const rows = rbac.whoCan(policy, full);
    if (args.format === 'json') io.stdout(`${JSON.stringify(whoCanJson(rows), null, 2)}\n`);
    else {
      const target = full.path ?? `${full.resource}${full.apiGroup === '' ? '' : `.${full.apiGroup}`}${full.subresource === '' ? '' : `/${full.subresource}`}`;
      const what = `${full.verb} ${target}${full.name === '' ? '' : ` named ${full.name}`}${full.namespace === undefined ? '' : ` in namespace ${full.namespace}`}`;
      io.stdout(whoCanText(rows, what));
    }
    return 0;
  }

  const who = subject as Subject;
  const scopes = rbac.permissionsOf(policy, who);
  const user = rbac.userOf(who);
  const risks = analysis.identityRisks(user);
  const workloads = who.kind === 'ServiceAccount' ? analysis.workloadsOf(who.namespace ?? '', who.name) : [];
  if (args.format === 'json') {
    const json = {
      subject: who.kind === 'ServiceAccount' ? { kind: who.kind, name: who.name, namespace: who.namespace } : { kind: who.kind, name: who.name },
      user: user.name,
      groups: user.groups,
      scopes,
      risks: risks.map((r) => ({ pattern: r.hit.pattern.id, tier: r.hit.tier, namespace: r.namespace, title: r.hit.pattern.title })),
      workloads: workloads.map((w) => ({ kind: w.object.kind, namespace: w.namespace, name: w.object.name, token: w.token })),
    };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    io.stdout(permissionsText(who, user, scopes, risks, workloads));
  }
  return 0;
}
