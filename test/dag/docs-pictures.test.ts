// The pictures committed under docs/images/ (the README shows the quickstart's) are what the
// code draws now, so they can't drift. `npm run pictures` redraws them.
import * as fs from 'fs';
import * as path from 'path';
import { docsPictures } from '../../scripts/docs-pictures';

const root = path.resolve(__dirname, '..', '..');

test('the committed pictures equal what the code draws now', () => {
  const pictures = docsPictures();
  expect(Object.keys(pictures)).toEqual(['docs/images/quickstart.svg']);
  for (const [file, text] of Object.entries(pictures)) {
    const committed = fs.readFileSync(path.join(root, file), 'utf8');
    expect([file, committed === text ? 'current' : 'stale: run `npm run pictures` and commit it']).toEqual([file, 'current']);
  }
});

test('the README shows the quickstart picture', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  expect(readme).toMatch(/!\[[^\]]+\]\(docs\/images\/quickstart\.svg\)/);
});
