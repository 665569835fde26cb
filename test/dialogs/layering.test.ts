import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

// Dialogs ask questions and call the domain; turn handling, channels, routes and agents are
// behind DialogServices. An import of them from dialogs/ is a layering mistake.
const DIALOGS = path.resolve(__dirname, '..', '..', 'dialogs');
const FORBIDDEN = /from '\.\.\/src\/(bot|channels|turns|server|agents)\//;

test.each(readdirSync(DIALOGS).filter((f) => f.endsWith('.ts')))('dialogs/%s imports no turn handling', (file) => {
  const imports = readFileSync(path.join(DIALOGS, file), 'utf8')
    .split('\n')
    .filter((line) => FORBIDDEN.test(line));
  expect(imports).toEqual([]);
});
