// The quickstart app: writes examples/dist/quickstart.pipeline.yaml on synth.
import { App } from 'cdk8s';
import { addQuickstartPipeline } from './pipeline';

const app = new App();
addQuickstartPipeline(app);
app.synth();
