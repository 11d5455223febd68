// The README's links, and those of the documents it links to, work inside the package as
// published: every relative link of README.md, SECURITY.md, CHANGELOG.md, CONTRIBUTING.md and
// docs/*.md resolves to a file the package ships — except links from the contributor
// documents into the repository's sources (bench/, fuzz/, tests/, src/, …), listed below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const pkgTemplate = JSON.parse(readFileSync(join(repo, 'pkg-template', 'package.json'), 'utf8'));
const shipped = (path) => pkgTemplate.files.some((f) => (f.endsWith('/') ? path.startsWith(f) : path === f));
/** Repository-only targets a contributor document may point to. */
const REPO_ONLY = /^(bench|fuzz|tests|src|emulator|js|scripts)\//;

test('relative links resolve to files the package ships', () => {
  const docs = ['README.md', 'SECURITY.md', 'CHANGELOG.md', 'CONTRIBUTING.md', ...readdirSync(join(repo, 'docs')).filter((f) => f.endsWith('.md')).map((f) => 'docs/' + f)];
  let checked = 0;
  for (const doc of docs) {
    assert.ok(shipped(doc), `${doc} is not in the package's "files"`);
    const text = readFileSync(join(repo, doc), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target) || target.startsWith('#')) continue;
      const path = relative(repo, normalize(join(repo, dirname(doc), target.split('#')[0])));
      checked++;
      assert.ok(existsSync(join(repo, path)), `${doc}: ${target} does not exist`);
      if (doc === 'README.md' || !REPO_ONLY.test(path)) assert.ok(shipped(path), `${doc}: ${target} (${path}) is not shipped in the package`);
    }
  }
  assert.ok(checked >= 10, `${checked} links checked`);
});
