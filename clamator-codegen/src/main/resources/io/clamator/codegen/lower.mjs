// The lower step of clamator-codegen: every Zod contract exported by the .ts files at the top of a
// folder, lowered to JSON Schema and hashed as upstream's @clamator/codegen does (zod-to-json-schema,
// target jsonSchema7, $refStrategy 'none'; SHA-256 hex of JSON.stringify), printed as one
// clamator contracts description (format 1) on stdout. zod-to-json-schema and tsx are resolved
// from the contracts folder, whose node_modules must hold them.
//   node lower.mjs <contracts folder>
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const folder = path.resolve(process.argv[2] ?? '.');
const require = createRequire(path.join(folder, 'package.json'));

function resolveFrom(name) {
  try {
    return require.resolve(name);
  } catch (e) {
    fail(`cannot find ${name} from ${folder}: install the contracts' npm dependencies there (npm install)`);
  }
}

function versionOf(name) {
  let dir = path.dirname(resolveFrom(name));
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (pkg.name === name) {
        return pkg.version;
      }
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

function fail(message) {
  process.stderr.write(`clamator-codegen lower: ${message}\n`);
  process.exit(2);
}

const { zodToJsonSchema } = require(resolveFrom('zod-to-json-schema'));
const { tsImport } = await import(pathToFileURL(resolveFrom('tsx/esm/api')).href);

function isContract(value) {
  return typeof value === 'object' && value !== null && typeof value.service === 'string'
    && typeof value.methods === 'object' && value.methods !== null;
}

function lower(schema, where) {
  if (!schema || typeof schema.safeParse !== 'function') {
    fail(`${where} is not a Zod schema`);
  }
  // zod-to-json-schema warns, and lowers the part to "any", where it cannot follow a schema (a recursive z.lazy)
  const warnings = [];
  const warn = console.warn;
  console.warn = (...parts) => warnings.push(parts.join(' '));
  let jsonSchema;
  try {
    jsonSchema = zodToJsonSchema(schema, { target: 'jsonSchema7', $refStrategy: 'none' });
  } finally {
    console.warn = warn;
  }
  if (warnings.length > 0) {
    fail(`${where} cannot be lowered without losing part of it: ${warnings.join('; ')}`);
  }
  return { jsonSchema, hash: createHash('sha256').update(JSON.stringify(jsonSchema)).digest('hex') };
}

const found = [];
for (const entry of readdirSync(folder, { withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) {
    continue;
  }
  const file = path.join(folder, entry.name);
  const module = await tsImport(pathToFileURL(file).href, import.meta.url);
  for (const [name, value] of Object.entries(module)) {
    if (isContract(value)) {
      found.push({ contract: value, source: entry.name, exportName: name });
    }
  }
}
found.sort((a, b) => a.contract.service.localeCompare(b.contract.service) || a.source.localeCompare(b.source));

const lowered = found.map(({ contract, source, exportName }) => {
  const methods = Object.entries(contract.methods).map(([name, def]) => {
    const where = `contract ${contract.service}, method ${name}`;
    const notification = def.notification === true;
    const params = lower(def.params, `${where}, params`);
    const result = notification ? null : lower(def.result, `${where}, result`);
    return {
      name, notification, params: params.jsonSchema, result: result ? result.jsonSchema : null,
      paramsHash: params.hash, resultHash: result ? result.hash : null,
    };
  }).sort((a, b) => a.name.localeCompare(b.name));
  return { service: contract.service, source, export: exportName, methods };
});

// A contract re-exported by another file (an index.ts, say) is the same contract once; two different
// contracts of one service are an error.
const contracts = [];
for (const contract of lowered) {
  const first = contracts.find((kept) => kept.service === contract.service);
  if (!first) {
    contracts.push(contract);
  } else if (JSON.stringify(first.methods) !== JSON.stringify(contract.methods)) {
    fail(`service ${contract.service} is exported twice with different methods: ${first.export} in ${first.source}`
      + ` and ${contract.export} in ${contract.source}`);
  }
}
if (contracts.length === 0) {
  fail(`no contract is exported by the .ts files at the top of ${folder}`);
}

const description = {
  format: 1,
  generatedBy: `clamator-codegen lower (zod ${versionOf('zod')}, zod-to-json-schema ${versionOf('zod-to-json-schema')})`,
  contracts,
};
process.stdout.write(JSON.stringify(description, null, 2) + '\n');
