// `copydesk check --format sarif` on the example corpus validates against
// the published SARIF 2.1.0 schema.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");
const binary = process.env.COPYDESK_BIN ?? path.join(root, "target", "debug", "copydesk");
const require = createRequire(import.meta.url);
// The published schema has a language-tag pattern that is only valid without
// the regex `u` flag, hence unicodeRegExp: false below.
const schemaPath = path.join(path.dirname(require.resolve("@microsoft/jest-sarif/package.json")), "lib", "schemas", "sarif-2.1.0-rtm.5.json");

function sarif(env = {}) {
  try {
    return execFileSync(binary, ["check", "--format", "sarif"], {
      cwd: path.join(root, "examples"),
      encoding: "utf8",
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    // Exit status 1 means findings were reported, 2 that a file could not be
    // checked; the output is still the log.
    if (e.status === 1 || e.status === 2) return e.stdout;
    throw e;
  }
}

test("the SARIF log validates against the SARIF 2.1.0 schema", () => {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const log = JSON.parse(sarif());
  const valid = validate(log);
  assert.equal(valid, true, JSON.stringify(validate.errors, null, 2));
  assert.equal(log.runs[0].results.length, 21);
});

test("a log with a file that failed (internal-error) validates too", () => {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const log = JSON.parse(sarif({ COPYDESK_FAIL_ARTICLE: "harbour-brief" }));
  const valid = validate(log);
  assert.equal(valid, true, JSON.stringify(validate.errors, null, 2));
  const notifications = log.runs[0].invocations[0].toolExecutionNotifications;
  assert.equal(notifications.length, 1);
  assert.equal(notifications[0].descriptor.id, "internal-error");
});

test("an invalid log is rejected (the validator is really checking)", () => {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const log = JSON.parse(sarif());
  log.runs[0].results[0].level = "loud";
  assert.equal(validate(log), false);
});
