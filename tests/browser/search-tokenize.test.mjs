// The search script tokenises exactly as the Rust indexer: both are checked against the same table
// (tests/search-cases.json; the Rust side is src/search/tokenize.rs's shared_table_of_cases).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import vm from 'node:vm';

const root = new URL('../../', import.meta.url);
const script = fs.readFileSync(new URL('themes/default/static/search.js', root), 'utf8');
const context = vm.createContext({});
vm.runInContext(script, context);
const { fold, indexTerms, queryTerms, cmp } = context.approdoSearch;
const cases = JSON.parse(fs.readFileSync(new URL('tests/search-cases.json', root), 'utf8'));

test('search.js tokenises the shared table like the Rust indexer', () => {
  assert.ok(cases.length >= 20);
  for (const c of cases) {
    assert.equal(fold(c.input), c.fold, `fold ${JSON.stringify(c.input)}`);
    assert.deepEqual([...indexTerms(c.input)], c.index, `index ${JSON.stringify(c.input)}`);
    assert.deepEqual([...queryTerms(c.input)], c.query, `query ${JSON.stringify(c.input)}`);
  }
});

test('terms compare by code point, as Rust sorts them', () => {
  const words = ['b', 'a', 'ab', '\u{20000}', '\uffe0', 'é', 'z'];
  const sorted = [...words].sort(cmp);
  assert.deepEqual(sorted, ['a', 'ab', 'b', 'z', 'é', '\uffe0', '\u{20000}']);
});
