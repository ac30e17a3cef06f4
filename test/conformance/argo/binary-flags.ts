/**
 * The command-line flags the KFP 2.17.0 driver and launcher binaries define, read from the
 * kubeflow/pipelines tag 2.17.0 (Go's `flag` package: a flag not defined here makes the binary
 * exit with "flag provided but not defined"). Facts, with their source lines.
 */

/** `backend/src/v2/cmd/driver/main.go` at 2.17.0 (lines 51-54 name four of them as constants). */
export const DRIVER_FLAGS: { [flag: string]: string } = {
  type: 'main.go:65 (driverTypeArg, :51)',
  pipeline_name: 'main.go:66',
  run_id: 'main.go:67',
  run_name: 'main.go:68',
  run_display_name: 'main.go:69',
  pipeline_job_create_time_utc: 'main.go:70',
  pipeline_job_schedule_time_epoch_seconds: 'main.go:71',
  component: 'main.go:72',
  task: 'main.go:73',
  runtime_config: 'main.go:74',
  iteration_index: 'main.go:75',
  task_name: 'main.go:76',
  dag_execution_id: 'main.go:79',
  container: 'main.go:80',
  kubernetes_config: 'main.go:81',
  ml_pipeline_server_address: 'main.go:84',
  ml_pipeline_server_port: 'main.go:85',
  mlmd_server_address: 'main.go:86',
  mlmd_server_port: 'main.go:87',
  execution_id_path: 'main.go:90',
  iteration_count_path: 'main.go:91',
  pod_spec_patch_path: 'main.go:92',
  cached_decision_path: 'main.go:94',
  condition_path: 'main.go:95',
  log_level: 'main.go:96',
  http_proxy: 'main.go:99 (httpProxyArg, :52)',
  https_proxy: 'main.go:100 (httpsProxyArg, :53)',
  no_proxy: 'main.go:101 (noProxyArg, :54)',
  publish_logs: 'main.go:102',
  cache_disabled: 'main.go:103',
  ml_pipeline_tls_enabled: 'main.go:104',
  metadata_tls_enabled: 'main.go:105',
  ca_cert_path: 'main.go:106',
  default_run_as_user: 'main.go:107',
  default_run_as_group: 'main.go:108',
  default_run_as_non_root: 'main.go:109',
  default_host_users: 'main.go:110',
};

/** `backend/src/v2/cmd/launcher-v2/main.go` at 2.17.0 (the launcher and importer templates run it). */
export const LAUNCHER_FLAGS: { [flag: string]: string } = {
  copy: 'main.go:32',
  pipeline_name: 'main.go:33',
  run_id: 'main.go:34',
  parent_dag_id: 'main.go:35',
  executor_type: 'main.go:36',
  execution_id: 'main.go:37',
  executor_input: 'main.go:38',
  component_spec: 'main.go:39',
  importer_spec: 'main.go:40',
  task_spec: 'main.go:41',
  pod_name: 'main.go:42',
  pod_uid: 'main.go:43',
  ml_pipeline_server_address: 'main.go:44',
  ml_pipeline_server_port: 'main.go:45',
  mlmd_server_address: 'main.go:46',
  mlmd_server_port: 'main.go:47',
  log_level: 'main.go:48',
  publish_logs: 'main.go:49',
  cache_disabled: 'main.go:50',
  ca_cert_path: 'main.go:51',
  ml_pipeline_tls_enabled: 'main.go:52',
  metadata_tls_enabled: 'main.go:53',
};

/** The flag names in an argument list (`--name`, `-name`, `--name=value`), in order. */
export function flagNames(args: string[]): string[] {
  return args.filter((a) => /^--?[a-z_]+(=|$)/.test(a)).map((a) => a.replace(/^--?/, '').split('=')[0]);
}
