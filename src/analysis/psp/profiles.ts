/**
 * Seccomp and AppArmor profiles as PodSecurityPolicy saw them: strings in the old annotation
 * form (`runtime/default`, `unconfined`, `localhost/<name>`). A pod may give a profile with an
 * annotation or with the newer `seccompProfile`/`appArmorProfile` fields; the API server keeps
 * the two in step, so both count, the annotation first.
 */
import { isRecord } from '../../model/path';

export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
export const APPARMOR_CONTAINER_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** The annotation form of a `seccompProfile` or `appArmorProfile` field (`''` when it names none). */
export function profileFieldText(field: unknown): string {
  if (!isRecord(field)) return '';
  switch (field.type) {
    case 'RuntimeDefault':
      return 'runtime/default';
    case 'Unconfined':
      return 'unconfined';
    case 'Localhost':
      return typeof field.localhostProfile === 'string' && field.localhostProfile !== '' ? `localhost/${field.localhostProfile}` : '';
    default:
      return '';
  }
}

/** Why a seccomp profile name in a policy annotation is not one the API server accepts. */
export function seccompProfileProblem(profile: string): string | undefined {
  if (profile === 'runtime/default' || profile === 'docker/default' || profile === 'unconfined') return undefined;
  if (profile.startsWith('localhost/')) return localPathProblem(profile.slice('localhost/'.length));
  return `${JSON.stringify(profile)} must be a valid seccomp profile (runtime/default, docker/default, unconfined or localhost/<path>)`;
}

function localPathProblem(path: string): string | undefined {
  if (path.startsWith('/')) return `localhost/${path} must be a relative path`;
  if (path.split('/').includes('..')) return `localhost/${path} must not contain '..'`;
  return undefined;
}

/** Why an AppArmor profile name in a policy annotation is not one the API server accepts. */
export function appArmorProfileProblem(profile: string): string | undefined {
  if (profile === '' || profile === 'runtime/default' || profile === 'unconfined' || profile.startsWith('localhost/')) return undefined;
  return `invalid AppArmor profile name: ${JSON.stringify(profile)} (use runtime/default, unconfined or localhost/<name>)`;
}
