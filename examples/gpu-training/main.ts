// The gpu-training app: writes examples/dist/gpu-training.k8s.yaml and gpu-training.pipeline.yaml on synth.
import { App } from 'cdk8s';
import { addGpuTrainingExample } from './app';

const app = new App();
addGpuTrainingExample(app);
app.synth();
