/**
 * NetworkPolicy objects → a normalised, validated model. Everything the API server would
 * reject (and netpol-analyzer refuses to analyse) becomes a problem with a field path; the
 * affected part is then modelled conservatively (an invalid peer or port matches nothing).
 */
import { isRecord, type FieldPath, type KubeObject } from '../../model';
import { isProtocol, MAX_PORT, MIN_PORT, type Protocol } from './connections';
import { IpSet, parseCidr } from './ip';
import { MATCH_ALL_SELECTOR, parsePolicySelector, type PolicySelector, type SelectorProblem } from './selectors';

export type Direction = 'ingress' | 'egress';

export interface PodPeer {
  kind: 'pods';
  /** null: the policy's own namespace. */
  namespaceSelector: PolicySelector | null;
  /** null: every pod (only namespaceSelector given). */
  podSelector: PolicySelector | null;
  path: FieldPath;
}

export interface IpBlockPeer {
  kind: 'ipBlock';
  set: IpSet;
  cidr: string;
  except: readonly string[];
  path: FieldPath;
}

export type PeerModel = PodPeer | IpBlockPeer;

export interface PortModel {
  protocol: Protocol;
  /** undefined: every port of the protocol. */
  port: number | string | undefined;
  endPort: number | undefined;
  path: FieldPath;
}

export interface RuleModel {
  direction: Direction;
  /** 0-based position in spec.ingress / spec.egress. */
  index: number;
  path: FieldPath;
  /** null: `from`/`to` absent or empty, i.e. every source or destination. */
  peers: readonly PeerModel[] | null;
  /** null: `ports` absent or empty, i.e. every port and protocol. */
  ports: readonly PortModel[] | null;
}

export interface PolicyProblem {
  path: FieldPath;
  message: string;
}

export interface PolicyModel {
  object: KubeObject;
  namespace: string;
  name: string;
  /** `namespace/name`. */
  key: string;
  podSelector: PolicySelector;
  /** Effective policyTypes (after defaulting). */
  affectsIngress: boolean;
  affectsEgress: boolean;
  /** True when policyTypes is written in the manifest. */
  explicitTypes: boolean;
  /** Rules of the directions the policy affects (others are ignored by Kubernetes). */
  ingress: readonly RuleModel[];
  egress: readonly RuleModel[];
  /** Rules written for a direction that policyTypes leaves out (never enforced). */
  ignoredRules: readonly RuleModel[];
  problems: readonly PolicyProblem[];
}

export function isNetworkPolicy(object: KubeObject): boolean {
  return object.kind === 'NetworkPolicy' && (object.group === 'networking.k8s.io' || object.group === 'extensions');
}

export function parsePolicy(object: KubeObject): PolicyModel {
  const problems: PolicyProblem[] = [];
  const spec = isRecord(object.raw.spec) ? object.raw.spec : {};
  if (!isRecord(object.raw.spec)) problems.push({ path: ['spec'], message: 'a NetworkPolicy needs a spec with a podSelector' });
  const namespace = object.namespace ?? 'default';
  const podSelector = spec.podSelector === undefined || spec.podSelector === null ? MATCH_ALL_SELECTOR : parsePolicySelector(spec.podSelector, ['spec', 'podSelector'], problems as SelectorProblem[]);
  const ingressRules = parseRules(spec.ingress, 'ingress', problems);
  const egressRules = parseRules(spec.egress, 'egress', problems);
  const types = parsePolicyTypes(spec.policyTypes, egressRules.length > 0, problems);
  return {
    object,
    namespace,
    name: object.name,
    key: `${namespace}/${object.name}`,
    podSelector,
    affectsIngress: types.ingress,
    affectsEgress: types.egress,
    explicitTypes: types.explicit,
    ingress: types.ingress ? ingressRules : [],
    egress: types.egress ? egressRules : [],
    ignoredRules: [...(types.ingress ? [] : ingressRules), ...(types.egress ? [] : egressRules)],
    problems,
  };
}

/** Omitted policyTypes: Ingress always, Egress when egress rules are written. */
function parsePolicyTypes(value: unknown, hasEgressRules: boolean, problems: PolicyProblem[]): { ingress: boolean; egress: boolean; explicit: boolean } {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    return { ingress: true, egress: hasEgressRules, explicit: false };
  }
  if (!Array.isArray(value)) {
    problems.push({ path: ['spec', 'policyTypes'], message: 'policyTypes must be a list of Ingress and/or Egress' });
    return { ingress: true, egress: hasEgressRules, explicit: false };
  }
  value.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') problems.push({ path: ['spec', 'policyTypes', i], message: `policyTypes entries must be Ingress or Egress, got ${JSON.stringify(t)}` });
  });
  return { ingress: value.includes('Ingress'), egress: value.includes('Egress'), explicit: true };
}

function parseRules(value: unknown, direction: Direction, problems: PolicyProblem[]): RuleModel[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ path: ['spec', direction], message: `spec.${direction} must be a list of rules` });
    return [];
  }
  return value.map((rule, index) => parseRule(rule, direction, index, problems));
}

function parseRule(rule: unknown, direction: Direction, index: number, problems: PolicyProblem[]): RuleModel {
  const path: FieldPath = ['spec', direction, index];
  const record = isRecord(rule) ? rule : {};
  if (!isRecord(rule) && rule !== null) problems.push({ path, message: 'a rule must be a mapping (use {} to allow everything)' });
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const rawPeers = record[peersKey];
  let peers: PeerModel[] | null = null;
  if (Array.isArray(rawPeers) && rawPeers.length > 0) {
    peers = rawPeers.flatMap((peer, i) => parsePeer(peer, [...path, peersKey, i], problems));
  } else if (rawPeers !== undefined && rawPeers !== null && !Array.isArray(rawPeers)) {
    problems.push({ path: [...path, peersKey], message: `${peersKey} must be a list of peers` });
    peers = [];
  }
  const rawPorts = record.ports;
  let ports: PortModel[] | null = null;
  if (Array.isArray(rawPorts) && rawPorts.length > 0) {
    ports = rawPorts.flatMap((port, i) => parsePort(port, [...path, 'ports', i], problems));
  } else if (rawPorts !== undefined && rawPorts !== null && !Array.isArray(rawPorts)) {
    problems.push({ path: [...path, 'ports'], message: 'ports must be a list' });
    ports = [];
  }
  return { direction, index, path, peers, ports };
}

function parsePeer(peer: unknown, path: FieldPath, problems: PolicyProblem[]): PeerModel[] {
  if (!isRecord(peer) || Object.keys(peer).length === 0 || (peer.ipBlock == null && peer.podSelector == null && peer.namespaceSelector == null)) {
    problems.push({ path, message: 'an empty peer is not allowed: give podSelector, namespaceSelector and/or ipBlock (a rule without from/to already allows everything)' });
    return [];
  }
  if (peer.ipBlock != null) {
    if (peer.podSelector != null || peer.namespaceSelector != null) {
      problems.push({ path, message: 'ipBlock cannot be combined with podSelector or namespaceSelector in one peer; write them as separate peers' });
      return [];
    }
    const block = parseIpBlock(peer.ipBlock, [...path, 'ipBlock'], problems);
    return block === undefined ? [] : [block];
  }
  const before = problems.length;
  const namespaceSelector = peer.namespaceSelector == null ? null : parsePolicySelector(peer.namespaceSelector, [...path, 'namespaceSelector'], problems as SelectorProblem[]);
  const podSelector = peer.podSelector == null ? null : parsePolicySelector(peer.podSelector, [...path, 'podSelector'], problems as SelectorProblem[]);
  if (problems.length > before) return [];
  return [{ kind: 'pods', namespaceSelector, podSelector, path }];
}

function parseIpBlock(value: unknown, path: FieldPath, problems: PolicyProblem[]): IpBlockPeer | undefined {
  if (!isRecord(value)) {
    problems.push({ path, message: 'ipBlock must be a mapping with cidr (and optional except)' });
    return undefined;
  }
  const parsed = parseCidr(value.cidr);
  if (!parsed.ok) {
    problems.push({ path: [...path, 'cidr'], message: `invalid CIDR: ${parsed.reason}` });
    return undefined;
  }
  const cidr = parsed.cidr;
  let set = IpSet.of(cidr.range);
  const except: string[] = [];
  const rawExcept = value.except ?? [];
  if (!Array.isArray(rawExcept)) {
    problems.push({ path: [...path, 'except'], message: 'except must be a list of CIDRs' });
    return undefined;
  }
  let valid = true;
  rawExcept.forEach((item, i) => {
    const at = [...path, 'except', i];
    const e = parseCidr(item);
    if (!e.ok) {
      problems.push({ path: at, message: `invalid CIDR in except: ${e.reason}` });
      valid = false;
      return;
    }
    const inside = e.cidr.family === cidr.family && e.cidr.range.start >= cidr.range.start && e.cidr.range.end <= cidr.range.end;
    const strict = inside && e.cidr.prefix > cidr.prefix;
    if (!strict) {
      problems.push({ path: at, message: `except ${String(item)} must be a strict subset of cidr ${String(value.cidr)}` });
      valid = false;
      return;
    }
    except.push(String(item));
    set = set.subtract(IpSet.of(e.cidr.range));
  });
  if (!valid) return undefined;
  return { kind: 'ipBlock', set, cidr: String(value.cidr), except, path };
}

const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

function portNameProblem(name: string): string | undefined {
  if (name.length > 15 || !PORT_NAME.test(name) || name.includes('--') || !/[a-z]/.test(name)) {
    return `port name "${name}" must be at most 15 lowercase letters, digits and '-', with at least one letter and no leading, trailing or doubled '-'`;
  }
  return undefined;
}

function parsePort(value: unknown, path: FieldPath, problems: PolicyProblem[]): PortModel[] {
  if (!isRecord(value)) {
    problems.push({ path, message: 'a port entry must be a mapping with protocol, port and/or endPort' });
    return [];
  }
  const before = problems.length;
  const protocol = value.protocol ?? 'TCP';
  if (!isProtocol(protocol)) problems.push({ path: [...path, 'protocol'], message: `protocol must be TCP, UDP or SCTP, got ${JSON.stringify(protocol)}` });
  let port: number | string | undefined;
  const rawPort = value.port;
  if (typeof rawPort === 'number') {
    if (!Number.isInteger(rawPort) || rawPort < MIN_PORT || rawPort > MAX_PORT) problems.push({ path: [...path, 'port'], message: `port ${rawPort} is outside 1-65535` });
    port = rawPort;
  } else if (typeof rawPort === 'string') {
    if (/^\d+$/.test(rawPort)) {
      problems.push({ path: [...path, 'port'], message: `port "${rawPort}" is a quoted number; Kubernetes reads it as a port name, which cannot be all digits: write ${rawPort} without quotes` });
    } else {
      const problem = portNameProblem(rawPort);
      if (problem !== undefined) problems.push({ path: [...path, 'port'], message: problem });
    }
    port = rawPort;
  } else if (rawPort !== undefined && rawPort !== null) {
    problems.push({ path: [...path, 'port'], message: 'port must be a number or a port name' });
  }
  let endPort: number | undefined;
  const rawEnd = value.endPort;
  if (rawEnd !== undefined && rawEnd !== null) {
    if (typeof rawEnd !== 'number' || !Number.isInteger(rawEnd) || rawEnd < MIN_PORT || rawEnd > MAX_PORT) {
      problems.push({ path: [...path, 'endPort'], message: 'endPort must be a port number in 1-65535' });
    } else if (typeof port === 'string') {
      problems.push({ path: [...path, 'endPort'], message: 'endPort cannot be used with a named port; give a numeric port' });
    } else if (port === undefined) {
      problems.push({ path: [...path, 'endPort'], message: 'endPort needs a numeric port as the start of the range' });
    } else if (rawEnd < port) {
      problems.push({ path: [...path, 'endPort'], message: `endPort ${rawEnd} is below port ${port}: the range ${port}-${rawEnd} is empty` });
    } else {
      endPort = rawEnd;
    }
  }
  if (problems.length > before) return [];
  return [{ protocol: protocol as Protocol, port, endPort, path }];
}
