// Public API of src/compiler/yaml: the PyYAML-compatible emitter and the KFP pipeline file.
// (Internal helpers with function types stay un-exported here: they are not jsii-compatible.)
export { PyYaml } from './pyyaml';
export { PipelineFile, renderPipelineFile } from './pipeline-file';
export type { PipelineFileOptions } from './pipeline-file';
