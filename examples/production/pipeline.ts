// The example's pipeline: a nightly data-quality report, one container task with a pinned image.
import { Construct } from 'constructs';
import { Component, Input, Parameter, Pipeline, Placeholder } from '../../src';

/** Checks yesterday's partition of a table and fails on a quality regression. */
export const checkDataQuality = Component.container({
  name: 'check_data_quality',
  image: 'ghcr.io/acme/data-quality:3.2.1',
  command: ['dq-check'],
  args: ['--table', Placeholder.inputValue('table'), '--max-null-ratio', Placeholder.inputValue('max_null_ratio')],
  inputs: { table: Input.string(), max_null_ratio: Input.double({ default: 0.01 }) },
});

/** Adds the pipeline to a scope. */
export function addDataQualityPipeline(scope: Construct, id: string): Pipeline {
  const pipeline = new Pipeline(scope, id, {
    name: 'nightly-data-quality',
    description: 'Checks the nightly partition of the feature table.',
    parameters: { table: Parameter.string({ default: 'features.daily' }) },
  });
  pipeline.task('check', checkDataQuality, { inputs: { table: pipeline.param('table') } })
    .withCpuRequest('500m').withCpuLimit('1').withMemoryRequest('1Gi').withMemoryLimit('2Gi');
  return pipeline;
}
