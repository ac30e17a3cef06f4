// The pipeline pictures committed under docs/images/ (the README shows the quickstart's).
// `npm run pictures` redraws them; test/dag/docs-pictures.test.ts checks they are current.
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { addQuickstartPipeline } from '../examples/quickstart/pipeline';

const root = path.resolve(__dirname, '..');

/** Each committed picture (its path from the repository root) and what the code draws now. */
export function docsPictures(): { [file: string]: string } {
  const quickstart = addQuickstartPipeline(new App({ outdir: path.join(root, 'examples', 'dist') }));
  return { 'docs/images/quickstart.svg': quickstart.toSvg() };
}

if (require.main === module) {
  for (const [file, text] of Object.entries(docsPictures())) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
    console.log(`wrote ${file}`);
  }
}
