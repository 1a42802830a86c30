// Runs the npm package redact-pii (SyncRedactor, default settings) over JSON lines {"text": ...} and writes
// {"text": redacted} lines; prints the seconds it took to stderr. Used by tests/bench/compare-redact-pii.sh.
const fs = require('fs');
const { SyncRedactor } = require('redact-pii');
const [input, output] = process.argv.slice(2);
const lines = fs.readFileSync(input, 'utf8').split('\n').filter((l) => l.length > 0);
const redactor = new SyncRedactor();
const start = process.hrtime.bigint();
const out = lines.map((l) => JSON.stringify({ text: redactor.redact(JSON.parse(l).text) }));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
fs.writeFileSync(output, out.join('\n') + '\n');
process.stderr.write(seconds.toFixed(2) + '\n');
