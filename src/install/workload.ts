/**
 * Builds a component's Kubernetes objects from plain descriptions, with upstream's exact names
 * (internal).
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { APP_LABEL } from './internal';

/** A Deployment with its Service, ServiceAccount and RBAC, described as plain objects. */
export interface WorkloadSpec {
  name: string;
  namespace: string;
  labels: { [k: string]: string };
  selector: { [k: string]: string };
  podAnnotations?: { [k: string]: string };
  podLabelsExtra?: { [k: string]: string };
  replicas?: number;
  /** Write `replicas` even when it is 1 (upstream writes it for some Deployments). */
  strategy?: any;
  serviceAccountName?: string;
  serviceAccountAnnotations?: { [k: string]: string };
  automountToken?: boolean;
  createServiceAccount?: boolean;
  podSpec: any;
  service?: { name: string; labels?: { [k: string]: string }; annotations?: { [k: string]: string }; ports: any[]; type?: string };
}

/** Metadata shared by every namespaced object of the install. */
export function meta(name: string, namespace: string | undefined, labels: { [k: string]: string } = {}, annotations?: { [k: string]: string }): any {
  const m: any = { name, labels: { ...APP_LABEL, ...labels } };
  if (namespace) m.namespace = namespace;
  if (annotations && Object.keys(annotations).length) m.annotations = { ...annotations };
  return m;
}

/** Creates the ServiceAccount, Deployment and Service of a workload. */
export function createWorkload(scope: Construct, spec: WorkloadSpec): { deployment: ApiObject; service?: ApiObject; serviceAccount?: ApiObject } {
  let serviceAccount: ApiObject | undefined;
  if (spec.serviceAccountName && spec.createServiceAccount !== false) {
    serviceAccount = serviceAccountObject(scope, 'ServiceAccount', spec.serviceAccountName, spec.namespace, spec.labels, spec.serviceAccountAnnotations);
  }
  const selector = { ...APP_LABEL, ...spec.selector };
  const podMeta: any = { labels: { ...selector, ...(spec.podLabelsExtra ?? {}) } };
  if (spec.podAnnotations) podMeta.annotations = spec.podAnnotations;
  const podSpec = { ...spec.podSpec };
  if (spec.serviceAccountName) podSpec.serviceAccountName = spec.serviceAccountName;
  if (spec.automountToken === false) podSpec.automountServiceAccountToken = false;
  const deploymentSpec: any = { selector: { matchLabels: selector }, template: { metadata: podMeta, spec: podSpec } };
  if (spec.replicas !== undefined) deploymentSpec.replicas = spec.replicas;
  if (spec.strategy) deploymentSpec.strategy = spec.strategy;
  const deployment = new ApiObject(scope, 'Deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(spec.name, spec.namespace, spec.labels),
    spec: deploymentSpec,
  });
  let service: ApiObject | undefined;
  if (spec.service) {
    const svcSpec: any = { ports: spec.service.ports, selector };
    if (spec.service.type) svcSpec.type = spec.service.type;
    service = new ApiObject(scope, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(spec.service.name, spec.namespace, spec.service.labels ?? {}, spec.service.annotations),
      spec: svcSpec,
    });
  }
  return { deployment, service, serviceAccount };
}

/** A ServiceAccount. */
export function serviceAccountObject(
  scope: Construct, id: string, name: string, namespace: string,
  labels: { [k: string]: string } = {}, annotations?: { [k: string]: string },
): ApiObject {
  return new ApiObject(scope, id, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name, namespace, labels, annotations) });
}

/** A Role and the RoleBinding that grants it to subjects. */
export function roleWithBinding(scope: Construct, opts: {
  role: string; binding: string; namespace: string; rules: any[]; subjects: any[]; labels?: { [k: string]: string }; id?: string;
}): { role: ApiObject; binding: ApiObject } {
  const id = opts.id ?? '';
  const role = new ApiObject(scope, `${id}Role`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: meta(opts.role, opts.namespace, opts.labels),
    rules: opts.rules,
  });
  const binding = new ApiObject(scope, `${id}RoleBinding`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta(opts.binding, opts.namespace, opts.labels),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: opts.role },
    subjects: opts.subjects,
  });
  return { role, binding };
}

/** A ServiceAccount subject. */
export function saSubject(name: string, namespace: string): any {
  return { kind: 'ServiceAccount', name, namespace };
}

/** A ConfigMap. */
export function configMapObject(
  scope: Construct, id: string, name: string, namespace: string,
  data: { [k: string]: string }, labels: { [k: string]: string } = {},
): ApiObject {
  return new ApiObject(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, namespace, labels), data });
}

/** A PersistentVolumeClaim. */
export function pvcObject(scope: Construct, name: string, namespace: string, storage: string, storageClassName?: string): ApiObject {
  const spec: any = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } };
  if (storageClassName) spec.storageClassName = storageClassName;
  return new ApiObject(scope, 'PersistentVolumeClaim', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta(name, namespace), spec });
}
