// Synthesizes the argo-run example (see app.ts): a pipeline as an Argo Workflow, a
// WorkflowTemplate and a CronWorkflow for the workflow controller of a KFP install.
import { App } from 'cdk8s';
import { buildArgoRunApp } from './app';

const app = new App();
buildArgoRunApp(app);
app.synth();
