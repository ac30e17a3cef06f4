import { Component } from './component';
import { Input, Output } from './io';

/** Options of a task that creates a PersistentVolumeClaim (kfp-kubernetes `CreatePVC`). */
export interface CreatePvcOptions {
  /** Access modes, such as `['ReadWriteOnce']`. */
  readonly accessModes: string[];
  /** The size, such as `5Gi`. */
  readonly size: string;
  /**
   * A fixed claim name. Give this or `pvcNameSuffix`.
   * @default - generated from the run name and `pvcNameSuffix`
   */
  readonly pvcName?: string;
  /**
   * A suffix for a generated name (`<workflow-name>-<suffix>`).
   * @default - none
   */
  readonly pvcNameSuffix?: string;
  /**
   * The StorageClass; `''` for a statically provisioned volume.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * A pre-existing PersistentVolume to bind.
   * @default - dynamically provisioned
   */
  readonly volumeName?: string;
  /**
   * Annotations of the claim.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * A data source, e.g. `{ apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' }`.
   * @default - an empty volume
   */
  readonly dataSource?: { [key: string]: string };
}

const DOC = 'https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/';

/**
 * The kfp-kubernetes PVC components: the KFP backend creates and deletes the claim (the images
 * are stubs it recognises). Their interface, descriptions included, matches kfp-kubernetes so
 * the IR is identical.
 */
export class KubernetesComponents {
  /** `CreatePVC`: creates a claim; its output `name` is the claim name. */
  public static createPvc(): Component {
    return Component.container({
      name: 'CreatePVC',
      image: 'argostub/createpvc',
      inputs: {
        access_modes: Input.list({ description: 'Values for ``PersistentVolumeClaim.spec.accessModes``.' }),
        size: Input.string({
          description: "The size of storage requested by the PVC that will be\nprovisioned. For example, ``'5Gi'``. Corresponds to\n"
            + `\`PersistentVolumeClaim.spec.resources.requests.storage\n<${DOC}#PersistentVolumeClaimSpec>\`_.`,
        }),
        pvc_name: Input.string({
          optional: true,
          description: `Name of the PVC. Corresponds to\n\`PersistentVolumeClaim.metadata.name\n<${DOC}#PersistentVolumeClaim>\`_.\n`
            + 'Only one of ``pvc_name`` and ``pvc_name_suffix`` can be provided.',
        }),
        pvc_name_suffix: Input.string({
          optional: true,
          description: 'Prefix to use for a dynamically generated name, which\nwill take the form ``<argo-workflow-name>-<pvc_name_suffix>``. Only\n'
            + 'one of ``pvc_name`` and ``pvc_name_suffix`` can be provided.',
        }),
        storage_class_name: Input.string({
          default: '',
          description: "Name of StorageClass from which to provision the PV\nto back the PVC. ``None`` indicates to use the cluster's default\n"
            + "storage_class_name. Set to ``''`` for a statically specified PVC.",
        }),
        volume_name: Input.string({
          optional: true,
          description: 'Pre-existing PersistentVolume that should back the\nprovisioned PersistentVolumeClaim. Used for statically\n'
            + `specified PV only. Corresponds to\n\`PersistentVolumeClaim.spec.volumeName\n<${DOC}#PersistentVolumeClaimSpec>\`_.`,
        }),
        annotations: Input.struct({
          optional: true,
          description: `Annotations for the PVC's metadata. Corresponds to\n\`PersistentVolumeClaim.metadata.annotations\n<${DOC}#PersistentVolumeClaim>\`_.`,
        }),
        data_source: Input.struct({
          optional: true,
          description: 'Specifies the data source for the PVC. This can be used to\ncreate a PVC from a VolumeSnapshot or to clone an existing PVC.\n'
            + "Should be a dictionary with ``'apiGroup'``, ``'kind'``, and\n``'name'`` keys. For example:\n"
            + "``{'apiGroup': 'snapshot.storage.k8s.io', 'kind': 'VolumeSnapshot', 'name': 'my-snapshot'}``.\n"
            + `Corresponds to \`PersistentVolumeClaim.spec.dataSource\n<${DOC}#PersistentVolumeClaimSpec>\`_.`,
        }),
      },
      outputs: { name: Output.string() },
    });
  }

  /** `DeletePVC`: deletes a claim by name. */
  public static deletePvc(): Component {
    return Component.container({
      name: 'DeletePVC',
      image: 'argostub/deletepvc',
      inputs: {
        pvc_name: Input.string({
          description: "Name of the PVC to delete. Supports passing a runtime-generated name, such as a name provided by ``kubernetes.CreatePvcOp().outputs['name']``.",
        }),
      },
    });
  }

  private constructor() {}
}
