// Checks every statement of a Lectern xAPI export (a JSON array) against the xAPI 1.0.3 rules with
// Learning Locker's validator, the one its LRS runs on every statement it receives.
//   node validate_xapi.mjs EXPORT.json [--expect-invalid]
// Prints each problem with the statement's index and id; exit 0 when every statement is valid.
// --expect-invalid turns it round (exit 0 only when EVERY statement has a problem): the test uses
// it on deliberately broken statements, to show the validator here really rejects things.
import { readFileSync } from 'node:fs';
import validation from '@learninglocker/xapi-validation';

const validate = validation.default ?? validation;
const [file, mode] = process.argv.slice(2);
if (!file) {
  console.error('usage: node validate_xapi.mjs EXPORT.json [--expect-invalid]');
  process.exit(2);
}
const statements = JSON.parse(readFileSync(file, 'utf8'));
if (!Array.isArray(statements) || statements.length === 0) {
  console.error(`${file}: not a non-empty JSON array of statements`);
  process.exit(1);
}
let invalid = 0;
statements.forEach((statement, index) => {
  const warnings = validate(statement);
  if (warnings.length === 0) return;
  invalid += 1;
  if (mode === '--expect-invalid') return;
  for (const w of warnings) {
    const path = (w.path || []).join('.');
    console.error(`statement ${index} (${statement.id}): ${path}: ${w.constructor?.name ?? 'warning'} ${JSON.stringify(w.data ?? '')}`.slice(0, 400));
  }
});
console.log(`${statements.length} statements, ${invalid} invalid`);
if (mode === '--expect-invalid') process.exit(invalid === statements.length ? 0 : 1);
process.exit(invalid === 0 ? 0 : 1);
