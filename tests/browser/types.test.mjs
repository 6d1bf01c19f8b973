//! The TypeScript declarations (www/*.d.ts) against the Rust validator: tsc --noEmit over
//! tests/types (the API used as the README shows it, and wrong specs that must not
//! type-check), every valid spec fixture as `satisfies ChartSpec`, and the keys each spec
//! object may have, read from the key lists of src/spec/ (check_keys' lists and the *_KEYS
//! constants), against the declared interfaces.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './harness.mjs';

const run = promisify(execFile);
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** The valid specs in the repository: the README example and the other fixtures. */
async function specFixtures() {
  const dirs = ['tests/fixtures', 'www/data', 'tests/browser/pages'];
  const files = [];
  for (const dir of dirs) {
    for (const name of (await readdir(join(ROOT, dir))).sort()) {
      // A story template (www/data/*-story.json) is a spec without its series: from-blocks
      // --with merges it; the spec it makes (kazakhstan-2022.json) is checked here.
      if (name.endsWith('.json') && !name.endsWith('-story.json')) files.push(join(dir, name));
    }
  }
  return files;
}

async function tsc(project) {
  try {
    await run(process.execPath, [TSC, '--noEmit', '-p', project], { cwd: ROOT });
  } catch (error) {
    assert.fail(`tsc -p ${project} failed:\n${error.stdout}${error.stderr}`);
  }
}

test('tests/types type-checks (API use, and wrong specs are errors)', async () => {
  await tsc(join(ROOT, 'tests/types'));
});

test('every spec fixture satisfies ChartSpec', async () => {
  const fixtures = await specFixtures();
  assert.ok(fixtures.includes('tests/fixtures/readme_example.json'));
  const dir = await mkdtemp(join(tmpdir(), 'hoc-types-'));
  try {
    const index = JSON.stringify(join(ROOT, 'www/index.js'));
    for (const [i, file] of fixtures.entries()) {
      const json = await readFile(join(ROOT, file), 'utf8');
      await writeFile(
        join(dir, `fixture${i}.ts`),
        `// ${file}\nimport type { ChartSpec } from ${index};\nexport const spec = ${json.trim()} satisfies ChartSpec;\n`,
      );
    }
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: join(ROOT, 'tests/types/tsconfig.json'), include: ['*.ts'] }),
    );
    await tsc(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** The keys of `interface NAME` (and of the interfaces it extends) in a .d.ts text. */
function interfaceKeys(text, name) {
  const match = text.match(new RegExp(`export interface ${name}(?: extends (\\w+))? \\{([\\s\\S]*?)\\n\\}`));
  assert.ok(match, `interface ${name} not found`);
  const own = [...match[2].matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]);
  return [...(match[1] ? interfaceKeys(text, match[1]) : []), ...own];
}

/** The key lists src/spec/ checks objects against: each check_keys(…, &[…]) and each *_KEYS constant. */
async function specKeyLists() {
  const dir = join(ROOT, 'src/spec');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.rs')).sort();
  const rust = (await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')))).join('\n');
  const inline = [...rust.matchAll(/check_keys\(\s*\w+,\s*[^,]+,\s*&\[([^\]]*)\]/g)];
  const constants = [...rust.matchAll(/const \w+_KEYS: \[&str; \d+\] = \[([^\]]*)\]/g)];
  return [...inline, ...constants].map((m) => [...m[1].matchAll(/"(\w+)"/g)].map((k) => k[1]).sort());
}

test('the declared spec keys are the keys src/spec/ accepts', async () => {
  const lists = await specKeyLists();
  const types = await readFile(join(ROOT, 'www/chart.d.ts'), 'utf8');
  const declared = {
    ChartSpec: interfaceKeys(types, 'ChartSpec'),
    Series: [...new Set([...interfaceKeys(types, 'PointsSeries'), ...interfaceKeys(types, 'ColumnSeries')])],
    Outage: interfaceKeys(types, 'Outage'),
    Annotation: interfaceKeys(types, 'Annotation'),
    SpecOptions: interfaceKeys(types, 'SpecOptions'),
  };
  for (const [name, keys] of Object.entries(declared)) {
    const sorted = [...keys].sort();
    assert.ok(
      lists.some((list) => JSON.stringify(list) === JSON.stringify(sorted)),
      `${name} declares ${sorted.join(', ')}; src/spec/ accepts ${lists.map((l) => `[${l.join(', ')}]`).join(' or ')}`,
    );
  }
  assert.equal(lists.length, Object.keys(declared).length, 'src/spec/ has a key list the declarations do not cover');
});
