import { Chart, Testing } from 'cdk8s';
import { install } from './helpers';
import { Database, GpuAccelerator, GpuNodePool, KarpenterNodeClass, NvidiaDevicePlugin, ObjectStore, PipelineStore, PodSecurityAudit } from '../../../src';
import { restrictedViolations } from '../../../src/platform/hardening/pod-security';

const ok = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'main', image: 'x:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
};
const withContainer = (sc: any, pod: any = {}) => ({ ...ok, ...pod, containers: [{ name: 'main', image: 'x:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...sc } }] });
const rules = (pod: any) => restrictedViolations(pod).map((v) => v.rule);

describe('Pod Security "restricted" checks', () => {
  test('a compliant pod', () => {
    expect(restrictedViolations(ok)).toEqual([]);
  });

  test('each control of the profile', () => {
    expect(rules(withContainer({ allowPrivilegeEscalation: true }))).toEqual(['allowPrivilegeEscalation']);
    expect(rules(withContainer({ capabilities: { drop: ['NET_RAW'] } }))).toEqual(['capabilities']);
    expect(rules(withContainer({ capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } }))).toEqual(['capabilities']);
    expect(rules(withContainer({ capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } }))).toEqual([]);
    expect(rules(withContainer({ privileged: true }))).toEqual(['privileged']);
    expect(rules(withContainer({ runAsUser: 0 }))).toEqual(['runAsUser']);
    expect(rules(withContainer({ runAsNonRoot: false }))).toEqual(['runAsNonRoot']);
    expect(rules(withContainer({ seccompProfile: { type: 'Unconfined' } }))).toEqual(['seccompProfile']);
    expect(rules(withContainer({ procMount: 'Unmasked' }))).toEqual(['procMount']);
    expect(rules({ ...ok, securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })).toEqual(['runAsNonRoot']);
    expect(rules({ ...ok, securityContext: { runAsNonRoot: true } })).toEqual(['seccompProfile']);
    expect(rules({ ...ok, hostNetwork: true })).toEqual(['hostNamespaces']);
    expect(rules({ ...ok, volumes: [{ name: 'h', hostPath: { path: '/var/run' } }] })).toEqual(['volumeTypes']);
    expect(rules({ ...ok, volumes: [{ name: 'p', persistentVolumeClaim: { claimName: 'x' } }, { name: 'e', emptyDir: {} }, { name: 't', projected: { sources: [] } }] })).toEqual([]);
    expect(rules({ ...ok, securityContext: { ...ok.securityContext, sysctls: [{ name: 'kernel.msgmax', value: '1' }] } })).toEqual(['sysctls']);
    expect(rules({ ...ok, containers: [{ ...ok.containers[0], ports: [{ containerPort: 80, hostPort: 80 }] }] })).toEqual(['hostPorts']);
    expect(rules({ ...ok, initContainers: [{ name: 'init', image: 'x:1' }] })).toEqual(['allowPrivilegeEscalation', 'capabilities']);
  });

  test('the score line', () => {
    const audit = PodSecurityAudit.ofObjects([
      { kind: 'Deployment', metadata: { name: 'a', namespace: 'n' }, spec: { template: { spec: ok } } },
      { kind: 'CronJob', metadata: { name: 'b', namespace: 'n' }, spec: { jobTemplate: { spec: { template: { spec: withContainer({ privileged: true }) } } } } },
      { kind: 'ConfigMap', metadata: { name: 'c' } },
    ]);
    expect(audit.summary()).toBe('Pod Security restricted: 1/2 workloads compliant, 0 documented exceptions');
    expect(audit.nonCompliant.map((w) => w.workload)).toEqual(['CronJob n/b']);
  });
});

describe('Pod Security "restricted" for every workload the install ships', () => {
  const variants: Array<[string, any]> = [
    ['MySQL + SeaweedFS', {}],
    ['PostgreSQL + MinIO', { database: Database.postgres(), objectStore: ObjectStore.minio() }],
    ['Kubernetes-native store', { pipelineStore: PipelineStore.KUBERNETES }],
    ['with backups', { backup: {} }],
    ['PostgreSQL with backups', { database: Database.postgres(), backup: {} }],
  ];
  for (const [name, props] of variants) {
    test(name, () => {
      const { objects } = install(props);
      const audit = PodSecurityAudit.ofObjects(objects);
      expect(audit.nonCompliant).toEqual([]);
      expect(audit.exceptionCount).toBe(0);
      expect(audit.workloads.length).toBeGreaterThan(10);
    });
  }
});

describe('documented exceptions', () => {
  test('the NVIDIA device plugin: a hostPath to the kubelet device-plugin socket directory, as root (pinned)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'gpu');
    const pool = GpuNodePool.karpenter(chart, 'pool', { accelerators: [GpuAccelerator.NVIDIA_T4], nodeClass: KarpenterNodeClass.ec2NodeClass('gpu') });
    new NvidiaDevicePlugin(chart, 'plugin', { pools: [pool] });
    const [plugin] = PodSecurityAudit.ofObjects(chart.toJson()).workloads;
    expect(plugin.workload).toBe('DaemonSet kube-system/nvidia-device-plugin');
    expect(plugin.exception?.rules).toEqual(['volumeTypes', 'runAsNonRoot']);
    expect(plugin.exception?.reason).toMatch(/\/var\/lib\/kubelet\/device-plugins/);
    expect(plugin.violations.filter((v) => plugin.exception!.rules.includes(v.rule)).map((v) => v.detail)).toEqual([
      "hostPath volume 'device-plugin' (/var/lib/kubelet/device-plugins)",
      'runAsNonRoot is not true (pod or container)',
    ]);
    // Everything the exception does not cover is compliant (RuntimeDefault seccomp, no
    // privilege escalation, all capabilities dropped), so the workload is an exception, not a violation.
    expect(plugin.uncovered).toEqual([]);
    expect(plugin.status).toBe('exception');
    expect(PodSecurityAudit.KNOWN_EXCEPTIONS.map((e) => `${e.kind}/${e.name}`)).toEqual(['DaemonSet/nvidia-device-plugin']);
  });
});
