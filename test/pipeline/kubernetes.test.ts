// Kubernetes task settings (kfp-kubernetes) and GPU placement.
import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AcceleratorPlacement, Component, Condition, IGpuPool, If, Input, Output, ParallelFor, Parameter, Pipeline,
} from '../../src';

const comp = Component.python({ source: 'def comp():\n    pass\n' });
const produce = Component.python({ source: 'def produce() -> str:\n    return "claim"\n', outputs: { Output: Output.string() } });

function executors(p: Pipeline): any {
  return p.toPlatformSpec()?.platforms?.kubernetes?.deploymentSpec?.executors;
}

describe('task.kubernetes', () => {
  test('no platform document without Kubernetes settings', () => {
    const p = new Pipeline(Testing.app(), 'p');
    p.task('comp', comp);
    expect(p.toPlatformSpec()).toBeUndefined();
    expect(p.toYaml()).not.toContain('\n---\n');
  });

  test('secrets by name or cdk8s-plus reference, with the deprecated duplicate fields', () => {
    const app = Testing.app();
    const chart = Testing.chart();
    const secret = kplus.Secret.fromSecretName(chart, 'creds', 'db-creds');
    const p = new Pipeline(app, 'p');
    p.task('comp', comp).kubernetes
      .useSecretAsEnv(secret, { password: 'DB_PASSWORD' })
      .useSecretAsVolume('tls', '/etc/tls', { optional: true })
      .withImagePullPolicy('IfNotPresent')
      .enableSharedMemory('2Gi')
      .addToleration({ key: 'gpu', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 })
      .addPodAffinity({ topologyKey: 'kubernetes.io/hostname', matchPodLabels: { app: 'db' }, anti: true, weight: 10 });
    const e = executors(p)['exec-comp'];
    expect(e.secretAsEnv).toEqual([{
      secretName: 'db-creds',
      secretNameParameter: { runtimeValue: { constant: 'db-creds' } },
      keyToEnv: [{ secretKey: 'password', envVar: 'DB_PASSWORD' }],
      optional: false,
    }]);
    expect(e.secretAsVolume[0]).toEqual({ secretName: 'tls', secretNameParameter: { runtimeValue: { constant: 'tls' } }, mountPath: '/etc/tls', optional: true });
    expect(e.imagePullPolicy).toBe('IfNotPresent');
    expect(e.enabledSharedMemory).toEqual({ volumeName: 'shm', size: '2Gi' });
    expect(e.tolerations).toEqual([{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: '60' }]);
    expect(e.podAffinity).toEqual([{ topologyKey: 'kubernetes.io/hostname', matchPodLabels: { app: 'db' }, weight: 10, anti: true }]);
  });

  test('names from parameters and task outputs are rewritten to channel inputs inside groups', () => {
    const p = new Pipeline(Testing.app(), 'p', { parameters: { secret: Parameter.string(), flag: Parameter.string({ default: 'on' }) } });
    const pvc = p.createPvc('pvc', { pvcNameSuffix: '-data', accessModes: ['ReadWriteOnce'], size: '1Gi' });
    const cond = new If(p, 'on', Condition.equalTo(p.param('flag'), 'on'));
    cond.task('comp', comp).kubernetes.useSecretAsEnv(p.param('secret'), { k: 'V' }).mountPvc(pvc.output('name'), '/data');
    const e = executors(p)['exec-comp'];
    expect(e.secretAsEnv[0].secretNameParameter).toEqual({ componentInputParameter: 'pipelinechannel--secret' });
    expect(e.pvcMount[0]).toEqual({
      mountPath: '/data',
      componentInputParameter: 'pipelinechannel--pvc-name',
      pvcNameParameter: { componentInputParameter: 'pipelinechannel--pvc-name' },
    });
    const ir = p.toIr();
    expect(ir.root.dag.tasks['condition-1'].dependentTasks).toEqual(['pvc']);
    expect(Object.keys(ir.components['comp-condition-1'].inputDefinitions.parameters).sort()).toEqual([
      'pipelinechannel--flag', 'pipelinechannel--pvc-name', 'pipelinechannel--secret',
    ]);
  });

  test('executor keys follow the final executor label of merged sub-pipelines', () => {
    const app = Testing.app();
    const inner = new Pipeline(app, 'inner', { writeFile: false });
    inner.task('comp', comp).kubernetes.addNodeSelector('pool', 'inner');
    const outer = new Pipeline(app, 'outer');
    outer.task('comp', comp).kubernetes.addNodeSelector('pool', 'outer');
    outer.task('inner', inner.asComponent());
    expect(executors(outer)).toEqual({
      'exec-comp': { nodeSelector: { labels: { pool: 'outer' } } },
      'exec-comp-2': { nodeSelector: { labels: { pool: 'inner' } } },
    });
  });

  test('bad Kubernetes settings fail with the task path', () => {
    const p = new Pipeline(Testing.app(), 'p', { parameters: { n: Parameter.integer() } });
    const t = p.task('comp', comp);
    expect(() => t.kubernetes.useSecretAsEnv('Bad_Name', { a: 'A' })).toThrow(
      "Task 'p/comp': got secret \"Bad_Name\"; expected a Kubernetes object name, a cdk8s-plus resource, or a string parameter",
    );
    expect(() => t.kubernetes.useSecretAsEnv(p.param('n'), { a: 'A' })).toThrow(
      "Task 'p/comp': secret got input 'n' of pipeline 'p' of type NUMBER_INTEGER; expected a STRING parameter",
    );
    expect(() => t.kubernetes.useConfigMapAsVolume('cm', 'relative')).toThrow("Task 'p/comp': got mount path \"relative\"; expected an absolute path");
    expect(() => t.kubernetes.withImagePullPolicy('Sometimes')).toThrow(
      "Task 'p/comp': got image pull policy \"Sometimes\"; expected 'Always', 'Never' or 'IfNotPresent'",
    );
    expect(() => t.kubernetes.addNodeAffinity({ matchExpressions: [{ key: 'zone', operator: 'Near' }] })).toThrow(
      "Task 'p/comp': match expression for key 'zone' got operator \"Near\"; expected one of [\"In\",\"NotIn\",\"Exists\",\"DoesNotExist\",\"Gt\",\"Lt\"]",
    );
    expect(() => t.kubernetes.addNodeAffinity({ weight: 0 })).toThrow("Task 'p/comp': got weight 0; expected an integer from 1 to 100");
    expect(() => t.kubernetes.withSecurityContext({})).toThrow(
      "Task 'p/comp': got an empty security context; expected runAsUser, runAsGroup or runAsNonRoot",
    );
    expect(() => t.kubernetes.withTimeout(20 as any)).toThrow("Task 'p/comp': got timeout 20; expected a Duration");
    expect(() => t.kubernetes.addNodeAffinityJson({ nodeSelectorTerms: [] })).toThrow(
      "Task 'p/comp': node affinity JSON has key 'nodeSelectorTerms'; expected requiredDuringSchedulingIgnoredDuringExecution or preferredDuringSchedulingIgnoredDuringExecution",
    );
    expect(() => p.createPvc('pvc', { accessModes: ['ReadWriteOnce'], size: '1Gi' })).toThrow(
      "CreatePVC 'p/pvc': got pvcName undefined and pvcNameSuffix undefined; expected exactly one of them",
    );
    const loop = new ParallelFor(p, 'loop', { items: ['a'] });
    const inLoop = loop.task('comp', comp);
    expect(() => inLoop.kubernetes.useSecretAsEnv(loop.item, { a: 'A' })).toThrow(
      "Task 'p/loop/comp': secret got the item of ParallelFor 'p/loop'; expected a constant, a pipeline parameter or a task output",
    );
    expect(() => p.task('self', p.asComponent())).toThrow("Task 'p/self': runs its own pipeline 'p' as a component; expected another pipeline");
    const other = new Pipeline(Testing.app(), 'other');
    other.task('comp', comp);
    expect(() => p.task('sub', other.asComponent()).kubernetes).toThrow("Task 'p/sub': kubernetes() needs a container component; component 'other' is a pipeline");
  });

  test('two volumes at one mount path of a task fail, naming both', () => {
    const p = new Pipeline(Testing.app(), 'p');
    const t = p.task('comp', comp);
    t.kubernetes.mountPvc('data', '/data');
    expect(() => t.kubernetes.mountPvc('other', '/data')).toThrow(
      "Task 'p/comp': PVC other got mount path \"/data\", which the PVC data already uses; expected a mount path no other volume of the task uses",
    );
    expect(() => t.kubernetes.useSecretAsVolume('creds', '/data')).toThrow(
      "Task 'p/comp': secret creds got mount path \"/data\", which the PVC data already uses; expected a mount path no other volume of the task uses",
    );
    t.kubernetes.mountEmptyDir('scratch', '/scratch');
    expect(() => t.kubernetes.addEphemeralVolume('big', '/scratch', { accessModes: ['ReadWriteOnce'], size: '5Gi' })).toThrow(
      "Task 'p/comp': ephemeral volume big got mount path \"/scratch\", which the emptyDir scratch already uses; expected a mount path no other volume of the task uses",
    );
    expect(() => t.kubernetes.useConfigMapAsVolume('cfg', '/scratch')).toThrow(/config map cfg got mount path "\/scratch", which the emptyDir scratch already uses/);
    // The same PVC at the same path in another task is fine: each task is its own pod.
    p.task('comp2', comp).kubernetes.mountPvc('data', '/data');
  });

  test('timeout and security context use int64 strings', () => {
    const p = new Pipeline(Testing.app(), 'p');
    p.task('comp', comp).kubernetes.withTimeout(Duration.minutes(2)).withSecurityContext({ runAsUser: 1000, runAsNonRoot: true });
    expect(executors(p)['exec-comp']).toEqual({ activeDeadlineSeconds: '120', securityContext: { runAsUser: '1000', runAsNonRoot: true } });
  });
});

describe('task.runOn', () => {
  const pool: IGpuPool = {
    poolName: 'a10g',
    gpusPerNode: 4,
    placementFor: (gpus: number): AcceleratorPlacement => ({
      acceleratorType: 'nvidia.com/gpu',
      acceleratorCount: gpus,
      nodeSelector: { 'karpenter.sh/nodepool': 'a10g' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
      podLabels: { 'kueue.x-k8s.io/queue-name': 'gpu' },
    }),
  };

  test('sets the accelerator, node selector, tolerations and pod labels together', () => {
    const p = new Pipeline(Testing.app(), 'p');
    p.task('train', Component.python({ source: 'def train():\n    pass\n' })).runOn(pool, { gpus: 2 });
    expect(p.toIr().deploymentSpec.executors['exec-train'].container.resources.accelerator).toEqual({
      count: '2', resourceCount: '2', resourceType: 'nvidia.com/gpu', type: 'nvidia.com/gpu',
    });
    expect(executors(p)['exec-train']).toEqual({
      nodeSelector: { labels: { 'karpenter.sh/nodepool': 'a10g' } },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
      podMetadata: { labels: { 'kueue.x-k8s.io/queue-name': 'gpu' } },
    });
  });

  test('more GPUs than a node has', () => {
    const p = new Pipeline(Testing.app(), 'p');
    const t = p.task('train', Component.python({ source: 'def train():\n    pass\n' }));
    expect(() => t.runOn(pool, { gpus: 8 })).toThrow("Task 'p/train': runOn('a10g') got gpus 8; expected at most 4 (the GPUs of one node of the pool)");
    expect(() => t.runOn(pool, { gpus: 0 })).toThrow("Task 'p/train': runOn('a10g') got gpus 0; expected a positive integer");
  });
});

void Input;
void produce;

describe('sub-pipeline Kubernetes settings', () => {
  // Regression: a sub-pipeline executor renamed to avoid a clash (exec-comp → exec-comp-2) had its
  // settings merged into the parent's executor of the old name too. kfp 2.17.0 keeps them apart.
  test('a renamed sub-pipeline executor keeps its settings off the parent executor of the same name', () => {
    const app = Testing.app();
    const a = Component.python({ name: 'a', source: 'def a():\n    pass\n' });
    const inner = new Pipeline(app, 'inner', { writeFile: false });
    inner.task('a', a).kubernetes.useSecretAsEnv('s-a', { k: 'A' });
    inner.task('comp', comp).kubernetes.addNodeSelector('inner', 'yes');
    const outer = new Pipeline(app, 'outer');
    const t = outer.task('comp', comp);
    t.kubernetes.useSecretAsEnv('s-outer', { k: 'OUTER' });
    outer.task('inner', inner.asComponent()).after(t);
    const e = executors(outer);
    expect(Object.keys(e).sort()).toEqual(['exec-a', 'exec-comp', 'exec-comp-2']);
    expect(Object.keys(e['exec-comp'])).toEqual(['secretAsEnv']);
    expect(e['exec-comp'].secretAsEnv[0].secretName).toBe('s-outer');
    expect(e['exec-comp-2']).toEqual({ nodeSelector: { labels: { inner: 'yes' } } });
  });
});
