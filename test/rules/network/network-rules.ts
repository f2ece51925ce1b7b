/** The network rule modules (registered in rules/index.ts by the lead; listed here for tests). */
import type { AnyRule } from '../../../src/engine/rule';
import deadRule from '../../../rules/network/dead-rule';
import exposedServiceUnprotected from '../../../rules/network/exposed-service-unprotected';
import ingressControllerBlocked from '../../../rules/network/ingress-controller-blocked';
import invalidPolicy from '../../../rules/network/invalid-policy';
import missingDefaultDeny from '../../../rules/network/missing-default-deny';
import missingDefaultDenyEgress from '../../../rules/network/missing-default-deny-egress';
import overlyBroadEgress from '../../../rules/network/overly-broad-egress';
import overlyBroadIngress from '../../../rules/network/overly-broad-ingress';
import policySelectsNothing from '../../../rules/network/policy-selects-nothing';
import redundantRule from '../../../rules/network/redundant-rule';
import unprotectedWorkload from '../../../rules/network/unprotected-workload';
import unresolvedNamedPort from '../../../rules/network/unresolved-named-port';

export const NETWORK_RULES: readonly AnyRule[] = [
  invalidPolicy,
  missingDefaultDeny,
  missingDefaultDenyEgress,
  unprotectedWorkload,
  policySelectsNothing,
  deadRule,
  redundantRule,
  overlyBroadIngress,
  overlyBroadEgress,
  unresolvedNamedPort,
  ingressControllerBlocked,
  exposedServiceUnprotected,
] as unknown as readonly AnyRule[];
