// Synthesizes the gitops example (see app.ts).
import { App } from 'cdk8s';
import { buildGitopsApp } from './app';

const app = new App();
buildGitopsApp(app);
app.synth();
