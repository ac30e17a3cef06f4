import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { find, install } from './helpers';
import { Annotations } from '../../../src';
import { CERT_MANAGER_CRDS } from '../../install/helpers';
import { validateManifests } from '../../util/validate';

describe('availability: replicas, PodDisruptionBudgets and topology spread', () => {
  const { objects, kfp } = install({
    components: {
      apiServer: { replicas: 3 },
      ui: { replicas: 2, minAvailable: 2 },
      workflowController: { replicas: 2 },
      metadataGrpcServer: { replicas: 2 },
    },
    topologySpread: { requireDistinctNodes: true },
  });

  test('a PodDisruptionBudget for each component with more than one replica, selecting its pods', () => {
    const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget');
    expect(pdbs.map((p) => [p.metadata.name, p.spec.minAvailable]).sort()).toEqual([
      ['metadata-grpc-deployment', 1], ['ml-pipeline', 2], ['ml-pipeline-ui', 2], ['workflow-controller', 1],
    ]);
    for (const pdb of pdbs) {
      const d = find(objects, 'Deployment', pdb.metadata.name);
      expect(pdb.spec.selector).toEqual(d.spec.selector);
      expect(pdb.metadata.namespace).toBe('kubeflow');
    }
    expect(kfp.disruptionBudgets).toHaveLength(4);
    expect(find(objects, 'Deployment', 'ml-pipeline').spec.replicas).toBe(3);
  });

  test('spreads replicas over zones (preferred) and nodes (required here), per ReplicaSet', () => {
    const spread = find(objects, 'Deployment', 'ml-pipeline').spec.template.spec.topologySpreadConstraints;
    expect(spread).toEqual([
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'application-crd-id': 'kubeflow-pipelines', 'app': 'ml-pipeline' } }, matchLabelKeys: ['pod-template-hash'] },
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { 'application-crd-id': 'kubeflow-pipelines', 'app': 'ml-pipeline' } }, matchLabelKeys: ['pod-template-hash'] },
    ]);
    expect(find(objects, 'Deployment', 'ml-pipeline-persistenceagent').spec.template.spec.topologySpreadConstraints).toBeUndefined();
  });

  test('single-replica components get neither', () => {
    const { objects: single } = install();
    expect(single.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(single.filter((o) => o.spec?.template?.spec?.topologySpreadConstraints)).toEqual([]);
  });

  test('every container has requests and limits, including where upstream ships neither', async () => {
    for (const d of objects.filter((o) => o.kind === 'Deployment')) {
      const pod = d.spec.template.spec;
      for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
        expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
        expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'memory']);
      }
    }
    await validateManifests(objects, { crds: CERT_MANAGER_CRDS });
  });

  test('a request above a default limit raises that limit', () => {
    const { objects: o } = install({ components: { apiServer: { resources: { memory: { request: Size.gibibytes(4) } } } } });
    expect(find(o, 'Deployment', 'ml-pipeline').spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '250m', memory: '4Gi' }, limits: { cpu: '2', memory: '4Gi' } });
  });

  test('extra replicas of controllers without leader election: a warning, or an error for the ScheduledWorkflow controller', () => {
    const { chart } = install({ components: { persistenceAgent: { replicas: 2 } } });
    expect(Annotations.warningsOf(chart).join('\n')).toContain('components.persistenceAgent.replicas is 2: every persistence agent replica reports every workflow (no leader election); one replica is enough, and Kubernetes restarts it');
    expect(() => install({ components: { scheduledWorkflowController: { replicas: 2 } } })).toThrow(
      "KubeflowPipelines at 'test/kfp': components.scheduledWorkflowController.replicas is 2; expected 1, because the ScheduledWorkflow controller has no leader election in KFP 2.17: every replica would start each scheduled run");
  });
});

describe('availability: bad input fails with a clear message', () => {
  test('a PDB minAvailable greater than replicas', () => {
    expect(() => install({ components: { apiServer: { replicas: 2, minAvailable: 3 } } })).toThrow(
      "KubeflowPipelines at 'test/kfp': components.apiServer.minAvailable is 3 but replicas is 2; expected at most 2, or the PodDisruptionBudget could never be met and would block every node drain");
  });

  test('minAvailable without replicas, or negative', () => {
    expect(() => install({ components: { ui: { minAvailable: 1 } } })).toThrow(
      'components.ui.minAvailable is set but replicas is 1; expected replicas of 2 or more (a single replica gets no PodDisruptionBudget)');
    expect(() => install({ components: { ui: { replicas: 2, minAvailable: -1 } } })).toThrow(
      'components.ui.minAvailable is -1; expected a whole number of pods from 0 to replicas (2)');
  });

  test('a request above its own limit', () => {
    const cpu = { request: kplus.Cpu.units(2), limit: kplus.Cpu.millis(500) };
    expect(() => install({ components: { apiServer: { resources: { cpu } } } })).toThrow(
      "KubeflowPipelines at 'test/kfp': components.apiServer.resources: the cpu request is above the cpu limit; expected a request at most the limit");
  });
});
