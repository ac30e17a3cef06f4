/** Where the API server keeps pipelines and pipeline versions. */
export enum PipelineStore {
  /** In the SQL database, with runs and experiments (upstream's default). */
  DATABASE = 'database',
  /**
   * As `Pipeline`/`PipelineVersion` custom resources (`pipelines.kubeflow.org/v2beta1`), so they
   * can be applied with GitOps. Needs admission webhooks with TLS (cert-manager by default).
   */
  KUBERNETES = 'kubernetes',
}
