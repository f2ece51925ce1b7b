import { defineObjectRule } from '../../src/engine/rule';
import type { FieldPath } from '../../src/model/path';
import { isRecord } from '../../src/model/path';
import { isWorkload, podSpecOf } from '../../src/model/workload';

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}

/** Group- or world-writable: any of the bits 0o020 and 0o002. */
function writableByOthers(mode: unknown): mode is number {
  return typeof mode === 'number' && Number.isInteger(mode) && mode >= 0 && mode <= 0o7777 && (mode & 0o022) !== 0;
}

export default defineObjectRule({
  meta: {
    id: 'security/secret-file-mode',
    category: 'security',
    severity: 'warning',
    description: 'A Secret volume (or projected Secret) gives its files a group- or world-writable mode such as 0666.',
    rationale:
      'Secret files are meant to be read, never written: a writable mode (in YAML `0666` is the number 438, `0777` is 511) lets any process of another user or group in the pod change credentials or certificates the application trusts; the kubelet rewrites them on the next sync, so the change also races with updates. Modes are checked in `defaultMode` and `items[].mode` of secret volumes and of Secret sources in projected volumes.',
    fix: 'Use `defaultMode: 0400` (or 0440 with an fsGroup) and remove group and other write bits from `items[].mode`.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      volumeMounts:\n        - name: tls\n          mountPath: /etc/tls\n          readOnly: true\n  volumes:\n    - name: tls\n      secret:\n        secretName: web-tls\n        defaultMode: 0666\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      volumeMounts:\n        - name: tls\n          mountPath: /etc/tls\n          readOnly: true\n  volumes:\n    - name: tls\n      secret:\n        secretName: web-tls\n        defaultMode: 0400\n',
    },
    equivalents: {},
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined || !Array.isArray(pod.spec.volumes)) return;
    const check = (mode: unknown, path: FieldPath, what: string): void => {
      if (writableByOthers(mode)) context.report({ path, message: `${what} gives Secret files mode ${octal(mode)}, writable by ${(mode & 0o002) !== 0 ? 'everyone' : 'the group'}: use 0400 or 0440` });
    };
    const checkItems = (items: unknown, base: FieldPath, volume: string): void => {
      if (!Array.isArray(items)) return;
      items.forEach((item: unknown, j) => {
        if (isRecord(item)) check(item.mode, [...base, 'items', j, 'mode'], `item ${typeof item.key === 'string' ? item.key : j} of volume ${volume}`);
      });
    };
    pod.spec.volumes.forEach((volume: unknown, i) => {
      if (!isRecord(volume)) return;
      const name = typeof volume.name === 'string' ? volume.name : `volumes[${i}]`;
      const base: FieldPath = [...pod.path, 'volumes', i];
      if (isRecord(volume.secret)) {
        check(volume.secret.defaultMode, [...base, 'secret', 'defaultMode'], `volume ${name}`);
        checkItems(volume.secret.items, [...base, 'secret'], name);
      }
      if (isRecord(volume.projected) && Array.isArray(volume.projected.sources)) {
        const sources = volume.projected.sources as unknown[];
        const hasSecret = sources.some((s) => isRecord(s) && isRecord(s.secret));
        if (hasSecret) check(volume.projected.defaultMode, [...base, 'projected', 'defaultMode'], `projected volume ${name}`);
        sources.forEach((source, k) => {
          if (isRecord(source) && isRecord(source.secret)) checkItems(source.secret.items, [...base, 'projected', 'sources', k, 'secret'], name);
        });
      }
    });
  },
});
