// Goldens that use kfp-kubernetes task settings (PlatformSpec document).
import { Duration } from 'cdk8s';
import { IrCase, py } from './harness';
import { Input, Output, Parameter, Pipeline } from '../../../src';

/** A pipeline with one `comp` task from a kubernetes golden, configured by `configure`. */
function single(golden: string, configure: (task: ReturnType<Pipeline['task']>) => void, fn = 'comp', name = 'my-pipeline'): IrCase {
  return {
    golden,
    build: (scope) => {
      const p = new Pipeline(scope, name);
      configure(p.task(fn.replace(/_/g, '-'), py(golden, fn)));
      return p;
    },
  };
}

export const KUBERNETES_CASES: IrCase[] = [
  single('kubernetes/config_map_as_env', (t) => t.kubernetes.useConfigMapAsEnv('my-cm', { foo: 'CONFIG_MAP_VAR' })),
  single('kubernetes/config_map_as_vol', (t) => t.kubernetes.useConfigMapAsVolume('my-cm', '/mnt/my_vol')),
  single('kubernetes/secret_as_env', (t) => t.kubernetes.useSecretAsEnv('my-secret', { password: 'SECRET_VAR' })),
  single('kubernetes/secret_as_vol', (t) => t.kubernetes.useSecretAsVolume('my-secret', '/mnt/my_vol')),
  single('kubernetes/empty_dir_mounts', (t) => t.kubernetes.mountEmptyDir('emptydir-vol-1', '/mnt/my_vol_1', { medium: 'Memory', sizeLimit: '1Gi' })),
  single('kubernetes/field_path_as_env', (t) => t.kubernetes.useFieldPathAsEnv('KFP_RUN_NAME', "metadata.annotations['pipelines.kubeflow.org/run_name']")),
  single('kubernetes/image_pull_secrets', (t) => t.kubernetes.addImagePullSecrets('my-secret')),
  single('kubernetes/node_selector', (t) => t.kubernetes.addNodeSelector('cloud.google.com/gke-accelerator', 'nvidia-tesla-p4')),
  single('kubernetes/timeout', (t) => t.kubernetes.withTimeout(Duration.seconds(20))),
  single('kubernetes/security_context', (t) => t.kubernetes.withSecurityContext({ runAsUser: 65534, runAsGroup: 0 }), 'print_greeting'),
  single('kubernetes/init_container', (t) => t.kubernetes
    .mountEmptyDir('shared-data', '/data')
    .addInitContainer({
      name: 'prepare-data',
      image: 'busybox:1.36',
      command: ['sh', '-c'],
      args: ['echo ready > /data/marker'],
      env: { MARKER_TEXT: 'ready' },
      volumeMounts: [{ volumeName: 'shared-data', mountPath: '/data' }],
    }), 'print_greeting'),
  single('kubernetes/general_ephemeral_volume', (t) => t.kubernetes.addEphemeralVolume('pvc-name', 'path', {
    accessModes: ['ReadWriteOnce'], size: '5Gi', annotations: { annotation1: 'a1' },
  })),
  {
    golden: 'kubernetes/nodeaffinity',
    build: (scope) => {
      const g = 'kubernetes/nodeaffinity';
      const json = py(g, 'print_hello_with_json_affinity');
      const preferred = py(g, 'print_hello_with_preferred_affinity');
      const empty = py(g, 'print_hello_with_empty_json');
      const p = new Pipeline(scope, 'test-node-affinity');
      p.task('print-hello-with-json-affinity', json).kubernetes.addNodeAffinityJson({
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } },
        ],
      });
      p.task('print-hello-with-preferred-affinity', preferred).kubernetes.addNodeAffinity({
        matchExpressions: [{ key: 'zone', operator: 'In', values: ['us-west-1'] }],
        weight: 50,
      });
      p.task('print-hello-with-empty-json', empty).kubernetes.addNodeAffinityJson({});
      p.task('print-hello-with-json-affinity-2', json).kubernetes.addNodeAffinityJson({
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['us-west-1'] }] } },
          { weight: 50, preference: { matchExpressions: [{ key: 'instance-type', operator: 'In', values: ['n1-standard-4'] }] } },
        ],
      });
      return p;
    },
  },
  {
    golden: 'kubernetes/create_mount_delete_dynamic_pvc',
    build: (scope) => {
      const g = 'kubernetes/create_mount_delete_dynamic_pvc';
      const producer = py(g, 'producer', { outputs: { Output: Output.string() } });
      const consumer = py(g, 'consumer', { outputs: { Output: Output.string() } });
      const p = new Pipeline(scope, 'my-pipeline');
      const pvc = p.createPvc('createpvc', {
        pvcNameSuffix: '-my-pvc',
        accessModes: ['ReadWriteOnce'],
        size: '5Mi',
        storageClassName: 'standard',
        dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'my-snap' },
      });
      const t1 = p.task('producer', producer);
      const t2 = p.task('consumer', consumer).after(t1);
      t1.kubernetes.mountPvc(pvc.output('name'), '/data');
      t2.kubernetes.mountPvc(pvc.output('name'), '/data');
      p.deletePvc('deletepvc', pvc.output('name')).after(t2);
      return p;
    },
  },
  {
    golden: 'kubernetes/create_mount_delete_existing_pvc',
    build: (scope) => {
      const g = 'kubernetes/create_mount_delete_existing_pvc';
      const p = new Pipeline(scope, 'my-pipeline');
      const pvc = p.createPvc('createpvc', {
        pvcName: 'static-pvc-name-cmdep', accessModes: ['ReadWriteOnce'], size: '5Gi', storageClassName: 'standard',
      });
      const t1 = p.task('comp', py(g, 'comp'));
      t1.kubernetes.mountPvc(pvc.output('name'), '/data');
      p.deletePvc('deletepvc', pvc.output('name')).after(t1);
      return p;
    },
  },
  {
    golden: 'critical/missing_kubernetes_optional_inputs',
    build: (scope) => {
      const g = 'critical/missing_kubernetes_optional_inputs';
      const log = py(g, 'log_message', { inputs: { message: Input.string() } });
      const p = new Pipeline(scope, 'missing-kubernetes-optional-inputs-pipeline', {
        parameters: {
          optional_affinity: Parameter.struct({ optional: true }),
          optional_selector: Parameter.struct({ optional: true }),
          optional_secret_name: Parameter.string({ optional: true }),
          optional_config_map_name: Parameter.string({ optional: true }),
          optional_image_pull_secret_name: Parameter.string({ optional: true }),
          optional_tolerations: Parameter.list({ optional: true }),
        },
      });
      const t = p.task('log-message', log, { inputs: { message: 'baseline task' }, caching: false });
      t.kubernetes
        .addNodeAffinityJson(p.param('optional_affinity'))
        .addNodeSelectorJson(p.param('optional_selector'))
        .useSecretAsEnv(p.param('optional_secret_name'), { password: 'PASSWORD' }, { optional: true })
        .useSecretAsVolume(p.param('optional_secret_name'), '/mnt/secret', { optional: true })
        .useConfigMapAsEnv(p.param('optional_config_map_name'), { setting: 'SETTING' }, { optional: true })
        .useConfigMapAsVolume(p.param('optional_config_map_name'), '/mnt/config', { optional: true })
        .addImagePullSecrets(p.param('optional_image_pull_secret_name'))
        .addTolerationJson(p.param('optional_tolerations'));
      return p;
    },
  },
  {
    golden: 'critical/pipeline_with_pod_metadata',
    build: (scope) => {
      const g = 'critical/pipeline_with_pod_metadata';
      const p = new Pipeline(scope, 'pipeline-with-pod-metadata');
      // [function, inputs, labels, annotations, field-path env (env name, kind, key)]
      const specs: Array<[string, Record<string, string>, Record<string, string>, Record<string, string>, Array<[string, string, string]>]> = [
        ['validate_pod_metadata_task_a',
          { annotation_path: 'POD_TASK_ANNOTATION', annotation_exp_val: 'annotation', label_path_1: 'POD_TASK_LABEL_1', label_exp_val_1: 'label-1', label_path_2: 'POD_TASK_LABEL_2', label_exp_val_2: 'label-2' },
          { 'task-label-1': 'label-1', 'task-label-2': 'label-2' }, { 'task-annotation': 'annotation' },
          [['POD_TASK_ANNOTATION', 'annotations', 'task-annotation'], ['POD_TASK_LABEL_1', 'labels', 'task-label-1'], ['POD_TASK_LABEL_2', 'labels', 'task-label-2']]],
        ['validate_pod_metadata_task_b',
          {
            annotation_path_1: 'POD_TASK_ANNOTATION_1',
            annotation_exp_val_1: 'annotation-1',
            annotation_path_2: 'POD_TASK_ANNOTATION_2',
            annotation_exp_val_2: 'annotation-2',
            annotation_path_3: 'POD_TASK_ANNOTATION_3',
            annotation_exp_val_3: 'annotation-3',
            annotation_path_4: 'POD_TASK_ANNOTATION_4',
            annotation_exp_val_4: 'annotation-4',
            label_path_1: 'POD_TASK_LABEL_1',
            label_exp_val_1: 'label-1',
            label_path_2: 'POD_TASK_LABEL_2',
            label_exp_val_2: 'label-2',
            label_path_3: 'POD_TASK_LABEL_3',
            label_exp_val_3: 'label-3',
          },
          { 'task-label-1': 'label-1', 'task-label-2': 'label-2', 'task-label-3': 'label-3' },
          { 'task-annotation-1': 'annotation-1', 'task-annotation-2': 'annotation-2', 'task-annotation-3': 'annotation-3', 'task-annotation-4': 'annotation-4' },
          [['POD_TASK_ANNOTATION_1', 'annotations', 'task-annotation-1'], ['POD_TASK_ANNOTATION_2', 'annotations', 'task-annotation-2'],
            ['POD_TASK_ANNOTATION_3', 'annotations', 'task-annotation-3'], ['POD_TASK_ANNOTATION_4', 'annotations', 'task-annotation-4'],
            ['POD_TASK_LABEL_1', 'labels', 'task-label-1'], ['POD_TASK_LABEL_2', 'labels', 'task-label-2'], ['POD_TASK_LABEL_3', 'labels', 'task-label-3']]],
        ['validate_pod_metadata_task_c',
          { annotation_path_1: 'POD_TASK_ANNOTATION_1', annotation_exp_val_1: 'annotation-1', annotation_path_2: 'POD_TASK_ANNOTATION_2', annotation_exp_val_2: 'annotation-2' },
          {}, { 'task-annotation-1': 'annotation-1', 'task-annotation-2': 'annotation-2' },
          [['POD_TASK_ANNOTATION_1', 'annotations', 'task-annotation-1'], ['POD_TASK_ANNOTATION_2', 'annotations', 'task-annotation-2']]],
        ['validate_pod_metadata_task_d',
          { label_path_1: 'POD_TASK_LABEL_1', label_exp_val_1: 'label-1', label_path_2: 'POD_TASK_LABEL_2', label_exp_val_2: 'label-2', label_path_3: 'POD_TASK_LABEL_3', label_exp_val_3: 'label-3' },
          { 'task-label-1': 'label-1', 'task-label-2': 'label-2', 'task-label-3': 'label-3' }, {},
          [['POD_TASK_LABEL_1', 'labels', 'task-label-1'], ['POD_TASK_LABEL_2', 'labels', 'task-label-2'], ['POD_TASK_LABEL_3', 'labels', 'task-label-3']]],
        ['validate_no_pod_metadata', {}, {}, {},
          [['POD_TASK_ANNOTATION', 'annotations', 'task-annotation'], ['POD_TASK_ANNOTATION_1', 'annotations', 'task-annotation-1'],
            ['POD_TASK_LABEL', 'labels', 'task-label'], ['POD_TASK_LABEL_1', 'labels', 'task-label-1']]],
      ];
      for (const [fn, inputs, labels, annotations, envs] of specs) {
        const component = py(g, fn, {
          inputs: Object.fromEntries(Object.keys(inputs).map((k) => [k, Input.string()])),
          outputs: { Output: Output.boolean() },
        });
        const t = p.task(fn.replace(/_/g, '-'), component, { inputs, caching: false });
        for (const [k, v] of Object.entries(labels)) t.kubernetes.addPodLabel(k, v);
        for (const [k, v] of Object.entries(annotations)) t.kubernetes.addPodAnnotation(k, v);
        for (const [env, kind, key] of envs) t.kubernetes.useFieldPathAsEnv(env, `metadata.${kind}['${key}']`);
      }
      return p;
    },
  },
];
