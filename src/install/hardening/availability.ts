/**
 * High availability of the install's stateless components: a PodDisruptionBudget and topology
 * spread constraints for every component that runs more than one replica.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import type { IKfpComponent } from '../component';

/** How replicas of a component are spread. */
export interface TopologySpreadOptions {
  /**
   * The zone label.
   * @default topology.kubernetes.io/zone
   */
  readonly zoneKey?: string;
  /**
   * Refuse to schedule two replicas on one node (`DoNotSchedule` on `kubernetes.io/hostname`)
   * instead of only preferring distinct nodes.
   * @default false
   */
  readonly requireDistinctNodes?: boolean;
}

/** A component's replicas and its disruption budget (internal). */
export interface ReplicatedComponent {
  readonly key: string;
  readonly component: IKfpComponent;
  readonly replicas: number;
  readonly minAvailable?: number;
}

/** Problems with `minAvailable` settings, each a complete sentence. */
export function availabilityProblems(components: Array<{ key: string; replicas?: number; minAvailable?: number }>): string[] {
  const out: string[] = [];
  for (const c of components) {
    if (c.minAvailable === undefined) continue;
    const replicas = c.replicas ?? 1;
    if (!Number.isInteger(c.minAvailable) || c.minAvailable < 0) {
      out.push(`components.${c.key}.minAvailable is ${c.minAvailable}; expected a whole number of pods from 0 to replicas (${replicas})`);
    } else if (c.minAvailable > replicas) {
      out.push(`components.${c.key}.minAvailable is ${c.minAvailable} but replicas is ${replicas}; expected at most ${replicas}, or the PodDisruptionBudget could never be met and would block every node drain`);
    } else if (replicas <= 1) {
      out.push(`components.${c.key}.minAvailable is set but replicas is ${replicas}; expected replicas of 2 or more (a single replica gets no PodDisruptionBudget)`);
    }
  }
  return out;
}

/**
 * Adds a PodDisruptionBudget (default `minAvailable: replicas - 1`) and topology spread
 * constraints to each component with more than one replica. Returns the budgets.
 */
export function addAvailability(components: ReplicatedComponent[], spread: TopologySpreadOptions = {}): ApiObject[] {
  const budgets: ApiObject[] = [];
  for (const c of components) {
    const deployment = c.component.deployment;
    if (!deployment || c.replicas <= 1) continue;
    // The Deployment's own selector, so the budget and the spread count exactly its pods.
    const selector = { ...(deployment.toJson().spec?.selector?.matchLabels ?? c.component.podLabels) };
    const ns = deployment.metadata.namespace;
    budgets.push(new ApiObject(c.component as unknown as Construct, 'PodDisruptionBudget', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: c.component.componentName, namespace: ns, labels: { ...c.component.podLabels } },
      spec: { minAvailable: c.minAvailable ?? c.replicas - 1, selector: { matchLabels: selector } },
    }));
    deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [
      {
        maxSkew: 1,
        topologyKey: spread.zoneKey ?? 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: selector },
        matchLabelKeys: ['pod-template-hash'],
      },
      {
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        whenUnsatisfiable: spread.requireDistinctNodes ? 'DoNotSchedule' : 'ScheduleAnyway',
        labelSelector: { matchLabels: selector },
        matchLabelKeys: ['pod-template-hash'],
      },
    ]));
  }
  return budgets;
}
