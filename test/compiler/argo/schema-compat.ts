/**
 * The published schema (kubernetes-models) requires `apiVersion` and `kind` on each
 * `volumeClaimTemplates` entry, which Kubernetes and Argo do not (like `container.name`, which
 * test/util/validate.ts already fills in). Fill them in a copy before validating; the output
 * itself is never changed.
 */
export function pvcTemplateSchemaCompat(obj: any): any {
  const copy = JSON.parse(JSON.stringify(obj));
  const spec = copy.kind === 'CronWorkflow' ? copy.spec?.workflowSpec : copy.spec;
  for (const t of spec?.volumeClaimTemplates ?? []) {
    t.apiVersion ??= 'v1';
    t.kind ??= 'PersistentVolumeClaim';
  }
  return copy;
}
