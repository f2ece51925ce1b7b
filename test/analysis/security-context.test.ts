import fc from 'fast-check';
import { containerEntries, effectiveSecurityContext, INHERITED_FIELDS, WHOLE_FIELDS, type EffectiveSecurityContext } from '../../src/analysis/security-context';
import { formatPath } from '../../src/model/path';
import { CONTAINER_LISTS } from '../../src/model/workload';

const POD_CONTEXT = {
  runAsUser: 1000,
  runAsGroup: 2000,
  runAsNonRoot: true,
  seLinuxOptions: { level: 's0:c123,c456' },
  seccompProfile: { type: 'RuntimeDefault' },
  appArmorProfile: { type: 'RuntimeDefault' },
  windowsOptions: { runAsUserName: 'ContainerUser', hostProcess: false },
};

/** Values only (no sources), for comparing two contexts. */
function values(effective: EffectiveSecurityContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(effective)) {
    if (key === 'windowsOptions') out[key] = Object.fromEntries(Object.entries(setting as Record<string, { value: unknown }>).map(([k, s]) => [k, s.value]));
    else out[key] = (setting as { value: unknown }).value;
  }
  return out;
}

describe('effective security context', () => {
  test.each(CONTAINER_LISTS)('a container in %s inherits every pod-level field', (list) => {
    const spec = { securityContext: POD_CONTEXT, [list]: [{ name: 'c' }] };
    const [entry] = containerEntries(spec);
    expect(entry.list).toBe(list);
    expect(entry.path).toEqual([list, 0]);
    for (const key of WHOLE_FIELDS) {
      expect(entry.effective[key]).toEqual({ value: POD_CONTEXT[key], source: 'pod', path: ['securityContext', key] });
    }
    expect(entry.effective.windowsOptions.runAsUserName).toEqual({ value: 'ContainerUser', source: 'pod', path: ['securityContext', 'windowsOptions', 'runAsUserName'] });
    expect(entry.effective.windowsOptions.hostProcess?.value).toBe(false);
  });

  test.each(CONTAINER_LISTS)('a container in %s overrides what it sets itself', (list) => {
    const own = { runAsUser: 5, seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' }, privileged: false };
    const spec = { securityContext: POD_CONTEXT, [list]: [{ name: 'other' }, { name: 'c', securityContext: own }] };
    const entry = containerEntries(spec)[1];
    expect(entry.effective.runAsUser).toEqual({ value: 5, source: 'container', path: [list, 1, 'securityContext', 'runAsUser'] });
    expect(entry.effective.seccompProfile?.value).toEqual(own.seccompProfile);
    expect(entry.effective.seccompProfile?.source).toBe('container');
    expect(entry.effective.runAsGroup?.source).toBe('pod');
    expect(entry.effective.privileged).toEqual({ value: false, source: 'container', path: [list, 1, 'securityContext', 'privileged'] });
  });

  test('a whole-struct field is replaced, not merged (seLinuxOptions, seccompProfile, appArmorProfile)', () => {
    const container = { securityContext: { seLinuxOptions: { type: 'container_t' } } };
    const effective = effectiveSecurityContext({ securityContext: POD_CONTEXT }, container, ['containers', 0]);
    expect(effective.seLinuxOptions?.value).toEqual({ type: 'container_t' });
  });

  test('windowsOptions is merged field by field', () => {
    const container = { securityContext: { windowsOptions: { hostProcess: true } } };
    const effective = effectiveSecurityContext({ securityContext: POD_CONTEXT }, container, ['containers', 0]);
    expect(effective.windowsOptions.hostProcess).toEqual({ value: true, source: 'container', path: ['containers', 0, 'securityContext', 'windowsOptions', 'hostProcess'] });
    expect(effective.windowsOptions.runAsUserName?.source).toBe('pod');
  });

  test('container-only fields are never inherited', () => {
    const spec = { securityContext: { privileged: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }, containers: [{ name: 'c' }] };
    const [entry] = containerEntries(spec);
    expect(entry.effective.privileged).toBeUndefined();
    expect(entry.effective.allowPrivilegeEscalation).toBeUndefined();
    expect(entry.effective.capabilities).toBeUndefined();
  });

  test('null counts as unset at both levels', () => {
    const spec = { securityContext: { runAsUser: null, runAsNonRoot: true }, containers: [{ name: 'c', securityContext: { runAsNonRoot: null, runAsUser: 7 } }] };
    const [entry] = containerEntries(spec);
    expect(entry.effective.runAsNonRoot).toEqual({ value: true, source: 'pod', path: ['securityContext', 'runAsNonRoot'] });
    expect(entry.effective.runAsUser?.value).toBe(7);
  });

  test('containers come in the order init, regular, ephemeral, with names or positions', () => {
    const spec = { ephemeralContainers: [{ name: 'debug' }], containers: [{ name: 'app' }, {}], initContainers: [{ name: 'setup' }] };
    expect(containerEntries(spec).map((e) => `${e.name}@${formatPath(e.path)}`)).toEqual(['setup@initContainers[0]', 'app@containers[0]', 'containers[1]@containers[1]', 'debug@ephemeralContainers[0]']);
  });

  test('odd input never throws and yields nothing it cannot read', () => {
    const odd: unknown[] = [null, undefined, 3, 'x', [], { containers: 'x' }, { containers: [null, 1, 'a', []] }, { securityContext: 'x', containers: [{ securityContext: 5 }] }, { securityContext: [], containers: [{ securityContext: { windowsOptions: 'x' } }] }];
    for (const spec of odd) expect(() => containerEntries(spec)).not.toThrow();
    expect(containerEntries({ securityContext: 'x', containers: [{ securityContext: 5 }] })[0].effective).toEqual({ windowsOptions: {} });
  });

  test('property: setting the inherited fields at the pod level or on every container gives the same effective values', () => {
    const scalar = fc.oneof(fc.integer({ min: 0, max: 70000 }), fc.boolean());
    const profile = fc.record({ type: fc.constantFrom('RuntimeDefault', 'Localhost', 'Unconfined') });
    const context = fc.record(
      {
        runAsUser: scalar,
        runAsGroup: scalar,
        runAsNonRoot: fc.boolean(),
        seLinuxOptions: fc.record({ type: fc.constantFrom('container_t', 'spc_t') }),
        seccompProfile: profile,
        appArmorProfile: profile,
        windowsOptions: fc.record({ hostProcess: fc.boolean(), runAsUserName: fc.string() }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    const lists = fc.record({ initContainers: fc.nat(2), containers: fc.integer({ min: 1, max: 3 }), ephemeralContainers: fc.nat(2) });
    fc.assert(
      fc.property(context, lists, (sc, counts) => {
        const make = (withOwn: boolean): Record<string, unknown> =>
          Object.fromEntries(CONTAINER_LISTS.map((list) => [list, Array.from({ length: counts[list] }, (_, i) => ({ name: `${list}-${i}`, ...(withOwn ? { securityContext: sc } : {}) }))]));
        const atPod = containerEntries({ securityContext: sc, ...make(false) });
        const atContainers = containerEntries(make(true));
        expect(atPod.map((e) => values(e.effective))).toEqual(atContainers.map((e) => values(e.effective)));
        for (const e of atPod) for (const key of INHERITED_FIELDS.filter((k) => k !== 'windowsOptions')) if (key in sc) expect(e.effective[key as (typeof WHOLE_FIELDS)[number]]?.source).toBe('pod');
      }),
    );
  });
});
