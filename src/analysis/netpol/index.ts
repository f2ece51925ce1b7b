/**
 * NetworkPolicy (networking.k8s.io/v1) reachability analysis. `analyzeRun` builds the model
 * once per run (memoized in a WeakMap), so every network rule shares one computation.
 * Semantics and modelling choices: README.md next to this file.
 */
import type { RunModel } from '../../engine/rule';
import type { KubeObject } from '../../model';
import { ReachabilityModel } from './model';
import { isNetworkPolicy, parsePolicy, type PolicyModel } from './policy';
import { buildTopology, type Topology } from './topology';

export interface NetpolAnalysis {
  /** The objects of the run (Services, Ingresses and Routes are read from here). */
  objects: readonly KubeObject[];
  topology: Topology;
  policies: readonly PolicyModel[];
  model: ReachabilityModel;
}

export function analyzeObjects(objects: readonly KubeObject[]): NetpolAnalysis {
  const topology = buildTopology(objects);
  const policies = objects.filter(isNetworkPolicy).map(parsePolicy);
  return { objects, topology, policies, model: new ReachabilityModel({ topology, policies }) };
}

const cache = new WeakMap<RunModel, NetpolAnalysis>();

/** The analysis of a run, computed on first use and shared by every rule. */
export function analyzeRun(run: RunModel): NetpolAnalysis {
  let analysis = cache.get(run);
  if (analysis === undefined) {
    analysis = analyzeObjects(run.objects);
    cache.set(run, analysis);
  }
  return analysis;
}

export { ConnSet } from './connections';
export { connectionList, rowText, type ConnRow, type PeerRef } from './connlist';
export type { PolicyModel, RuleModel, PeerModel, PortModel } from './policy';
export type { Workload, NamespaceInfo, Topology } from './topology';
export { ReachabilityModel, type PodClass, type RuleRef } from './model';
