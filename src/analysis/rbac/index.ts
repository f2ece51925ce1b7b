/** RBAC analysis: the API server's authorizer over manifests, risky permissions, escalation paths. */
export * from './types';
export * from './matcher';
export * from './subjects';
export * from './parse';
export * from './policy';
export * from './resources';
export * from './risks';
export * from './workloads';
export * from './analysis';
export * from './paths';
export * from './queries';
export * from './findings';
