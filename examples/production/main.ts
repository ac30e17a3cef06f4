// Synthesizes the production example (see app.ts).
import { App } from 'cdk8s';
import { buildProductionApp } from './app';

const app = new App();
buildProductionApp(app);
app.synth();
