/** Options for a GPU model that has no built-in constant. */
export interface GpuAcceleratorOptions {
  /** A short name for messages, for example `NVIDIA T4`. */
  readonly displayName: string;
  /**
   * The extended resource that Kubernetes schedules (the KFP accelerator type).
   * @default 'nvidia.com/gpu'
   */
  readonly resourceName?: string;
  /**
   * The value of the Karpenter AWS label `karpenter.k8s.aws/instance-gpu-name`.
   * @default - the model can't be selected on Karpenter AWS pools
   */
  readonly karpenterGpuName?: string;
  /**
   * The value of the GKE label `cloud.google.com/gke-accelerator`.
   * @default - the model can't be selected on GKE pools
   */
  readonly gkeAccelerator?: string;
  /**
   * The value of the NVIDIA GPU Feature Discovery label `nvidia.com/gpu.product`.
   * @default - the model can't be selected by GPU Feature Discovery labels
   */
  readonly nvidiaProduct?: string;
}

/**
 * A GPU model and how each platform labels nodes that have it.
 *
 * The label values are the ones the platforms publish: Karpenter's AWS provider
 * (`karpenter.k8s.aws/instance-gpu-name`), GKE (`cloud.google.com/gke-accelerator`) and NVIDIA GPU
 * Feature Discovery (`nvidia.com/gpu.product`, the NVML product name with spaces replaced by `-`).
 * GFD names depend on the board variant (PCIe or SXM); use `GpuAccelerator.custom()` when yours differs.
 */
export class GpuAccelerator {
  /** NVIDIA T4 (16 GB): AWS g4dn, GKE. */
  public static readonly NVIDIA_T4 = new GpuAccelerator({
    displayName: 'NVIDIA T4', karpenterGpuName: 't4', gkeAccelerator: 'nvidia-tesla-t4', nvidiaProduct: 'Tesla-T4',
  });
  /** NVIDIA A10G (24 GB): AWS g5 only. */
  public static readonly NVIDIA_A10G = new GpuAccelerator({
    displayName: 'NVIDIA A10G', karpenterGpuName: 'a10g', nvidiaProduct: 'NVIDIA-A10G',
  });
  /** NVIDIA L4 (24 GB): AWS g6, GKE g2. */
  public static readonly NVIDIA_L4 = new GpuAccelerator({
    displayName: 'NVIDIA L4', karpenterGpuName: 'l4', gkeAccelerator: 'nvidia-l4', nvidiaProduct: 'NVIDIA-L4',
  });
  /** NVIDIA L40S (48 GB): AWS g6e. */
  public static readonly NVIDIA_L40S = new GpuAccelerator({
    displayName: 'NVIDIA L40S', karpenterGpuName: 'l40s', nvidiaProduct: 'NVIDIA-L40S',
  });
  /** NVIDIA A100 40 GB: AWS p4d, GKE a2. On Karpenter AWS, `a100` also matches the 80 GB model. */
  public static readonly NVIDIA_A100_40GB = new GpuAccelerator({
    displayName: 'NVIDIA A100 40GB', karpenterGpuName: 'a100', gkeAccelerator: 'nvidia-tesla-a100', nvidiaProduct: 'NVIDIA-A100-SXM4-40GB',
  });
  /** NVIDIA A100 80 GB: AWS p4de, GKE a2-ultragpu. On Karpenter AWS, `a100` also matches the 40 GB model. */
  public static readonly NVIDIA_A100_80GB = new GpuAccelerator({
    displayName: 'NVIDIA A100 80GB', karpenterGpuName: 'a100', gkeAccelerator: 'nvidia-a100-80gb', nvidiaProduct: 'NVIDIA-A100-SXM4-80GB',
  });
  /** NVIDIA H100 80 GB: AWS p5, GKE a3. */
  public static readonly NVIDIA_H100_80GB = new GpuAccelerator({
    displayName: 'NVIDIA H100 80GB', karpenterGpuName: 'h100', gkeAccelerator: 'nvidia-h100-80gb', nvidiaProduct: 'NVIDIA-H100-80GB-HBM3',
  });
  /** NVIDIA V100 16 GB: AWS p3, GKE. */
  public static readonly NVIDIA_V100 = new GpuAccelerator({
    displayName: 'NVIDIA V100', karpenterGpuName: 'v100', gkeAccelerator: 'nvidia-tesla-v100', nvidiaProduct: 'Tesla-V100-SXM2-16GB',
  });

  /** A GPU model with your own label values. */
  public static custom(options: GpuAcceleratorOptions): GpuAccelerator {
    if (!options || typeof options.displayName !== 'string' || options.displayName.trim() === '') {
      throw new Error(`GpuAccelerator.custom: displayName is ${JSON.stringify(options?.displayName)} (expected a non-empty name)`);
    }
    return new GpuAccelerator(options);
  }

  /** A short name for messages. */
  public readonly displayName: string;
  /** The extended resource Kubernetes schedules, for example `nvidia.com/gpu`. */
  public readonly resourceName: string;
  /** The `karpenter.k8s.aws/instance-gpu-name` value, if known. */
  public readonly karpenterGpuName?: string;
  /** The `cloud.google.com/gke-accelerator` value, if known. */
  public readonly gkeAccelerator?: string;
  /** The `nvidia.com/gpu.product` value, if known. */
  public readonly nvidiaProduct?: string;

  private constructor(options: GpuAcceleratorOptions) {
    this.displayName = options.displayName;
    this.resourceName = options.resourceName ?? 'nvidia.com/gpu';
    this.karpenterGpuName = options.karpenterGpuName;
    this.gkeAccelerator = options.gkeAccelerator;
    this.nvidiaProduct = options.nvidiaProduct;
  }
}
