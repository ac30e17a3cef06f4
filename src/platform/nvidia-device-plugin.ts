import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { GpuNodePool } from './gpu-node-pool';
import { isRepelling, tolerationFor } from './taint-rules';

/** Props for `NvidiaDevicePlugin`. */
export interface NvidiaDevicePluginProps {
  /** The GPU pools whose nodes need the plugin. */
  readonly pools: GpuNodePool[];
  /**
   * The namespace. The plugin mounts a host path, so the namespace must allow privileged pods.
   * @default 'kube-system'
   */
  readonly namespace?: string;
  /**
   * The plugin image.
   * @default 'nvcr.io/nvidia/k8s-device-plugin:v0.17.1'
   */
  readonly image?: string;
}

/**
 * The NVIDIA device plugin DaemonSet, which advertises `nvidia.com/gpu` on GPU nodes. It runs only
 * on the given pools' nodes (node affinity on their labels) and tolerates their taints.
 *
 * Optional: skip it when the node image or the NVIDIA GPU Operator already runs the plugin
 * (Bottlerocket NVIDIA variants, GPU Operator installs). GKE installs its own plugin, so GKE pools are
 * refused here.
 */
export class NvidiaDevicePlugin extends Construct {
  /** The DaemonSet. */
  public readonly daemonSet: ApiObject;

  constructor(scope: Construct, id: string, props: NvidiaDevicePluginProps) {
    super(scope, id);
    const path = this.node.path;
    if (!props || !Array.isArray(props.pools) || props.pools.length === 0) {
      throw new Error(`${path}: pools is ${JSON.stringify(props?.pools)} (expected at least one GpuNodePool)`);
    }
    props.pools.forEach((pool, i) => {
      if (!GpuNodePool.isGpuNodePool(pool)) throw new Error(`${path}: pools[${i}] is not a GpuNodePool`);
      if (pool.acceleratorType !== 'nvidia.com/gpu') {
        throw new Error(`${path}: pool '${pool.poolName}' offers '${pool.acceleratorType}' (expected nvidia.com/gpu pools only)`);
      }
      if ('cloud.google.com/gke-accelerator' in pool.nodeLabels) {
        throw new Error(`${path}: pool '${pool.poolName}' is a GKE GPU pool; GKE installs its own NVIDIA device plugin (expected no GKE pools here)`);
      }
    });
    const namespace = props.namespace ?? 'kube-system';
    const image = props.image ?? 'nvcr.io/nvidia/k8s-device-plugin:v0.17.1';
    if (typeof image !== 'string' || image.trim() === '' || /\s/.test(image)) {
      throw new Error(`${path}: image is ${JSON.stringify(image)} (expected an image reference)`);
    }
    const tolerations: any[] = [{ key: 'CriticalAddonsOnly', operator: 'Exists' }];
    const seen = new Set<string>(['CriticalAddonsOnly']);
    for (const pool of props.pools) {
      for (const taint of pool.taints.filter(isRepelling)) {
        const t = tolerationFor(taint);
        const key = JSON.stringify(t);
        if (!seen.has(key)) {
          seen.add(key);
          tolerations.push(t);
        }
      }
    }
    const labels = { 'app.kubernetes.io/name': 'nvidia-device-plugin' };
    this.daemonSet = new ApiObject(this, 'Resource', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'nvidia-device-plugin', namespace, labels },
      spec: {
        selector: { matchLabels: labels },
        updateStrategy: { type: 'RollingUpdate' },
        template: {
          metadata: { labels },
          spec: {
            priorityClassName: 'system-node-critical',
            tolerations,
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: props.pools.map((pool) => ({
                    matchExpressions: Object.entries(pool.nodeSelector).sort(([a], [b]) => a.localeCompare(b))
                      .map(([key, value]) => ({ key, operator: 'In', values: [value] })),
                  })),
                },
              },
            },
            containers: [{
              name: 'nvidia-device-plugin',
              image,
              env: [{ name: 'FAIL_ON_INIT_ERROR', value: 'false' }],
              resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '256Mi' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
              volumeMounts: [{ name: 'device-plugin', mountPath: '/var/lib/kubelet/device-plugins' }],
            }],
            volumes: [{ name: 'device-plugin', hostPath: { path: '/var/lib/kubelet/device-plugins', type: 'Directory' } }],
          },
        },
      },
    });
  }
}
