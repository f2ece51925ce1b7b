/** How reporters show where a finding in rendered output (Helm, kustomize) came from. */
import type { Finding } from '../types';

/** `… (rendered from mychart/templates/web.yaml)` for formats whose only free text is the message. */
export function messageWithOrigin(f: Finding): string {
  return f.renderedFrom === undefined ? f.message : `${f.message} (rendered from ${f.renderedFrom})`;
}

/** The text format's file heading: `<stdin> (rendered from mychart/templates/web.yaml)`. */
export function fileHeading(f: Finding): string {
  return f.renderedFrom === undefined ? f.file : `${f.file} (rendered from ${f.renderedFrom})`;
}
