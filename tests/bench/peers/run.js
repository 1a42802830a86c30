// Runs one of the npm anonymisers that tests/bench/compare-anonymisers.sh puts beside Earmark's over the
// anonymiser's corpus (tests/anonymise/corpus/README.md) and writes one line {"id": ..., "output": ...} per
// utterance, in which every redaction the tool made reads exactly [REDACTED]. Prints the seconds spent inside
// the tool's redaction calls (not reading, writing, building the redactor or normalising) to stderr, as a bare
// number; anything else it has to say goes to stdout.
//
//   NODE_PATH=build/peers/node_modules node tests/bench/peers/run.js redact-pii|openredaction IN.jsonl OUT.jsonl
//
// The versions are pinned by tests/bench/peers/package.json (redact-pii 3.4.0, openredaction 1.1.5).
'use strict';
const fs = require('fs');

const REDACTED = '[REDACTED]';

// Explains `output` as `original` with some non-empty stretches replaced by strings of `placeholders`, keeping
// as many characters of `original` literal as it can, and returns `output` with each placeholder so found
// replaced by [REDACTED]; throws when there is no such explanation. Text that the tool left is literal in the
// explanation, so it is never taken for a placeholder, even where it reads like one (a respondent saying "URL").
function normaliseByAlignment(original, output, placeholders) {
    const n = output.length;
    const m = original.length;
    const width = m + 1;
    const NONE = -1;
    // best[i][j]: the most literal characters over output[i:] and original[j:], from a point between two
    // segments (N) or inside the stretch that a placeholder replaced, having taken at least one character (G).
    const bestN = new Int32Array((n + 1) * width).fill(NONE);
    const bestG = new Int32Array((n + 1) * width).fill(NONE);
    // The placeholders that start at each position of output.
    const startsAt = Array.from({ length: n + 1 }, () => []);
    for (const p of placeholders) {
        if (p.length === 0) continue;
        for (let at = output.indexOf(p); at !== -1; at = output.indexOf(p, at + 1)) startsAt[at].push(p.length);
    }
    for (let i = n; i >= 0; --i) {
        for (let j = m; j >= 0; --j) {
            const k = i * width + j;
            // N: the end, a literal character, or a placeholder that replaces at least one original character.
            let v = i === n && j === m ? 0 : NONE;
            if (i < n && j < m && output[i] === original[j] && bestN[k + width + 1] !== NONE) {
                v = Math.max(v, bestN[k + width + 1] + 1);
            }
            if (j < m) {
                for (const len of startsAt[i]) {
                    const after = bestG[(i + len) * width + j + 1];
                    if (after > v) v = after;
                }
            }
            bestN[k] = v;
            // G: take one more original character into the stretch, or close the stretch.
            bestG[k] = j < m && bestG[k + 1] > v ? bestG[k + 1] : v;
        }
    }
    if (bestN[0] === NONE) throw new Error('cannot align the output with the text: ' + JSON.stringify(output));
    // Walk the best explanation, preferring a literal character on ties.
    let result = '';
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
        const k = i * width + j;
        const v = bestN[k];
        if (i < n && j < m && output[i] === original[j] && bestN[k + width + 1] !== NONE &&
            bestN[k + width + 1] + 1 === v) {
            result += output[i];
            ++i;
            ++j;
            continue;
        }
        const len = startsAt[i].find((l) => j < m && bestG[(i + l) * width + j + 1] === v);
        if (len === undefined) throw new Error('alignment walk lost its way'); // cannot happen
        result += REDACTED;
        i += len;
        ++j;
        // Take original characters into the stretch while that keeps the best score.
        while (bestN[i * width + j] !== v) ++j;
    }
    return result;
}

// redact-pii 3.4.0, `new SyncRedactor()` as its README shows: 12 regular expressions (credit card, street
// address, zipcode, phone, IP, US SSN, e-mail, username, password, credentials, digits, URL) and then the name
// redactor, each run in turn over the previous one's output. It has no locale setting. Each replaces what it
// matched by one word, snake-cased from its name (CREDIT_CARD_NUMBER, STREET_ADDRESS, ZIPCODE, PHONE_NUMBER,
// IP_ADDRESS, US_SOCIAL_SECURITY_NUMBER, EMAIL_ADDRESS, USERNAME, PASSWORD, CREDENTIALS, DIGITS, URL,
// PERSON_NAME); the words are read off the redactor built here, so they follow the installed version. The
// output is normalised by alignment with the text, since a word like URL or PASSWORD can also be the speaker's.
function redactPii() {
    const { SyncRedactor } = require('redact-pii');
    const redactor = new SyncRedactor();
    const words = (redactor.childRedactors || []).map((r) => r.replaceWith);
    if (words.length === 0 || words.some((w) => typeof w !== 'string' || w.length === 0)) {
        throw new Error('redact-pii: cannot read the replacement words of its redactors');
    }
    return {
        redact: (text) => redactor.redact(text),
        normalise: (text, output) => normaliseByAlignment(text, output, words),
    };
}

// openredaction 1.1.5, `new OpenRedaction()` as its README shows. Its defaults are its most thorough documented
// configuration: all 579 built-in patterns of every country (UK phone, postcode, NHS and NI numbers among them),
// names, addresses, phones and e-mails on, context analysis and context rules on. It has no locale option; its
// UK-leaning choice is the `preset: 'gdpr'` (15 patterns: PHONE_UK, POSTCODE_UK, NATIONAL_INSURANCE_UK,
// NHS_NUMBER, PASSPORT_UK, DRIVING_LICENSE_UK, ...), a subset of the default, so it is not used; nor are the
// options documented as experimental (multi-pass) or needing another package (NER, `compromise`). Note that
// enableFalsePositiveFilter is documented as default false but is true in the code; the code's default stands.
// The one change: enableLearning, on by default, would whitelist whatever a .openredaction/learnings.json in the
// working directory holds; it is turned off so that no stray file changes the result (it changes nothing else).
//
// Its placeholders are [TYPE_NNNN] (e.g. [NAME_2308], [PHONE_UK_4497]). It builds its output by taking the
// detections from the last to the first and replacing every case-insensitive occurrence of each detected value
// (not only the detected one) by the placeholder, in the text as redacted so far. The output is rebuilt here the
// same way with one private-use character per detection in place of the placeholder, which no value can match,
// and checked against the tool's own output with the placeholders put back; only then does each private-use
// character become [REDACTED]. Where they differ, a later value matched inside an earlier placeholder ("Right.
// Email me at j.smith@gmail.com" gives "... me at [[IG_USER_3182]_0195]", "Email" having been taken for an
// Instagram user name); the rebuilt output, which removes the same original text, is kept and this is said on
// stdout.
function openRedaction() {
    const { OpenRedaction } = require('openredaction');
    const redactor = new OpenRedaction({ enableLearning: false });
    const PUA_FIRST = 0xe000;
    const PUA_LAST = 0xf8ff;
    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return {
        redact: (text) => redactor.detect(text),
        normalise: (text, result, id) => {
            if (/[\ue000-\uf8ff]/.test(text)) throw new Error(`${id}: text has a private-use character`);
            const order = [...result.detections].reverse(); // the order in which the tool replaced them
            if (order.length > PUA_LAST - PUA_FIRST + 1) throw new Error(`${id}: too many detections`);
            let rebuilt = text;
            order.forEach((d, n) => {
                if (!d.value) return;
                const mark = String.fromCharCode(PUA_FIRST + n);
                rebuilt = rebuilt.replace(new RegExp(escape(d.value), 'gi'), () => mark);
            });
            const withPlaceholders = rebuilt.replace(/[\ue000-\uf8ff]/g, (c) => order[c.charCodeAt(0) - PUA_FIRST].placeholder);
            if (withPlaceholders !== result.redacted) {
                // The id alone: a held-out utterance's words must not be shown to anyone tuning the anonymiser.
                process.stdout.write(`${id}: openredaction's output differs from the rebuilt one (a value inside a placeholder); ` +
                                     `kept the rebuilt one\n`);
            }
            return rebuilt.replace(/[\ue000-\uf8ff]/g, REDACTED);
        },
    };
}

async function main() {
    const [tool, input, output] = process.argv.slice(2);
    const tools = { 'redact-pii': redactPii, openredaction: openRedaction };
    if (!tools[tool] || !input || !output) {
        process.stderr.write('usage: node run.js redact-pii|openredaction IN.jsonl OUT.jsonl\n');
        process.exit(2);
    }
    const utterances = fs.readFileSync(input, 'utf8').split('\n').filter((l) => l.trim().length > 0).map((l, n) => {
        const u = JSON.parse(l);
        if (typeof u.id !== 'string' || typeof u.text !== 'string') throw new Error(`${input}:${n + 1}: no id or text`);
        return u;
    });
    const { redact, normalise } = tools[tool]();
    const results = [];
    let nanoseconds = 0n;
    for (const u of utterances) {
        const start = process.hrtime.bigint();
        let result = redact(u.text); // a string from redact-pii, a promise from openredaction
        if (result instanceof Promise) result = await result;
        nanoseconds += process.hrtime.bigint() - start;
        results.push(result);
    }
    const lines = utterances.map((u, n) => JSON.stringify({ id: u.id, output: normalise(u.text, results[n], u.id) }));
    fs.writeFileSync(output, lines.length ? lines.join('\n') + '\n' : '');
    process.stderr.write((Number(nanoseconds) / 1e9).toFixed(3) + '\n');
}

main().catch((e) => {
    process.stderr.write(`run.js: ${e.stack || e}\n`);
    process.exit(1);
});
