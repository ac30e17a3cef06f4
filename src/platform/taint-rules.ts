/**
 * Label, taint and toleration rules (Kubernetes validation and matching), for the platform
 * constructs. Internal: not part of the public API.
 */
import { NodeTaint, TaintEffect } from './taint';
import { PodToleration } from '../pipeline/placement';

const EFFECTS = Object.values(TaintEffect) as string[];
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Whether a name is a lowercase RFC 1123 DNS subdomain (most Kubernetes object names). */
export function isDnsSubdomain(name: unknown): boolean {
  return typeof name === 'string' && name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

/** Checks a label key or taint key (`[prefix/]name`). Returns why it is invalid, or undefined. */
export function qualifiedNameProblem(key: string): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'it is empty';
  const parts = key.split('/');
  if (parts.length > 2) return 'it has more than one "/"';
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) {
      return `its prefix '${prefix}' is not a DNS subdomain`;
    }
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return `its name '${name}' must be 1-63 characters of [A-Za-z0-9-_.], starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Checks a label value. Returns why it is invalid, or undefined. */
export function labelValueProblem(value: string): string | undefined {
  if (typeof value !== 'string') return 'it is not a string';
  if (value === '') return undefined;
  if (value.length > 63 || !NAME.test(value)) {
    return 'label values must be at most 63 characters of [A-Za-z0-9-_.], starting and ending with a letter or digit';
  }
  return undefined;
}

/** Validates label keys and values, throwing with the construct path. */
export function validateLabels(path: string, what: string, labels: { [key: string]: string } | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) throw new Error(`${path}: ${what} key '${key}' is not a valid label key: ${keyProblem}`);
    const valueProblem = labelValueProblem(value);
    if (valueProblem) throw new Error(`${path}: ${what} '${key}' has value '${value}', which is not a valid label value: ${valueProblem}`);
  }
}

/** Validates a taint, throwing with the construct path, the value and what was expected. */
export function validateTaint(path: string, taint: NodeTaint, index: number): void {
  const where = `${path}: taints[${index}]`;
  if (!taint || typeof taint !== 'object') throw new Error(`${where} is ${JSON.stringify(taint)} (expected { key, value?, effect })`);
  const keyProblem = qualifiedNameProblem(taint.key);
  if (keyProblem) throw new Error(`${where} has key '${taint.key}', which is not a valid taint key: ${keyProblem}`);
  if (taint.value !== undefined) {
    const valueProblem = labelValueProblem(taint.value);
    if (valueProblem) throw new Error(`${where} (key '${taint.key}') has value '${taint.value}': ${valueProblem}`);
  }
  if (!EFFECTS.includes(taint.effect as string)) {
    throw new Error(`${where} (key '${taint.key}') has effect '${taint.effect}' (expected one of ${EFFECTS.join(', ')})`);
  }
}

/** The toleration that lets a pod onto nodes with this taint. */
export function tolerationFor(taint: NodeTaint): PodToleration {
  return taint.value === undefined || taint.value === ''
    ? { key: taint.key, operator: 'Exists', effect: taint.effect }
    : { key: taint.key, operator: 'Equal', value: taint.value, effect: taint.effect };
}

/** Whether a taint keeps pods that don't tolerate it off the node (NoSchedule or NoExecute). */
export function isRepelling(taint: NodeTaint): boolean {
  return taint.effect === TaintEffect.NO_SCHEDULE || taint.effect === TaintEffect.NO_EXECUTE;
}

/** Kubernetes toleration matching (`ToleratesTaint` in k8s.io/api/core/v1). */
export function tolerates(toleration: PodToleration, taint: NodeTaint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  const operator = toleration.operator ?? 'Equal';
  if (toleration.key === undefined || toleration.key === '') {
    // An empty key with operator Exists matches every taint.
    return operator === 'Exists';
  }
  if (toleration.key !== taint.key) return false;
  if (operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/** Formats a taint as `key[=value]:Effect`. */
export function describeTaint(taint: NodeTaint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

/** Formats a toleration for messages. */
export function describeToleration(t: PodToleration): string {
  const op = t.operator ?? 'Equal';
  const key = t.key ?? '*';
  const value = op === 'Exists' ? '' : `=${t.value ?? ''}`;
  return `${key}${value}:${t.effect ?? '*'} (${op})`;
}

/** A taint as a Kubernetes object (`{ key, value?, effect }`). */
export function taintSpec(taint: NodeTaint): { key: string; value?: string; effect: string } {
  return { key: taint.key, ...(taint.value ? { value: taint.value } : {}), effect: taint.effect };
}
