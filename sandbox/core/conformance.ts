// Validates simulator requests and responses against the providers' official models
// (../shared/reference/specs). Swagger 2.0 (Amazon) and OpenAPI 3 (eBay, Walmart) alike: the whole
// document is registered with Ajv and each operation's schema is addressed by JSON pointer.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import YAML from 'yaml';

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

/** Where the shared reference specs are: `../shared` beside the project root (CI and developers). */
export const SPECS_DIR = path.resolve(process.cwd(), '..', 'shared', 'reference', 'specs');

type Json = Record<string, unknown>;

export interface OperationRef {
  pathTemplate: string;
  method: string;
  operation: Json;
}

export class SpecValidator {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();
  readonly isSwagger2: boolean;

  constructor(readonly doc: Json, private readonly id: string) {
    this.isSwagger2 = typeof doc.swagger === 'string';
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, discriminator: false });
    addFormats(this.ajv);
    for (const f of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password', 'decimal', 'string', 'url']) {
      this.ajv.addFormat(f, true);
    }
    this.ajv.addSchema(doc, id);
  }

  static load(relPath: string): SpecValidator {
    const file = path.join(SPECS_DIR, relPath);
    const text = fs.readFileSync(file, 'utf8');
    const doc = (file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text)) as Json;
    return new SpecValidator(doc, `spec:${relPath}`);
  }

  /** Find the operation for a concrete path (`/orders/v0/orders/123-1234567-1234567`). */
  findOperation(method: string, concretePath: string): OperationRef {
    const paths = this.doc.paths as Record<string, Record<string, Json>>;
    const m = method.toLowerCase();
    const candidates = Object.keys(paths)
      .filter((t) => paths[t][m])
      .filter((t) => templateRegex(t).test(concretePath))
      // Prefer the most literal template (fewest params) when several match.
      .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
    if (!candidates.length) throw new Error(`${this.id}: no operation for ${method} ${concretePath}`);
    const t = candidates[0];
    return { pathTemplate: t, method: m, operation: paths[t][m] };
  }

  private compile(pointer: string): ValidateFunction {
    let v = this.cache.get(pointer);
    if (!v) {
      v = this.ajv.compile({ $ref: `${this.id}#${pointer}` });
      this.cache.set(pointer, v);
    }
    return v;
  }

  private pointerFor(op: OperationRef, ...rest: string[]): string {
    const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
    return ['', 'paths', esc(op.pathTemplate), op.method, ...rest.map(esc)].join('/');
  }

  /** Errors (empty when valid) of a response body against the documented status's schema. */
  validateResponse(method: string, concretePath: string, status: number, body: unknown): string[] {
    const op = this.findOperation(method, concretePath);
    const responses = op.operation.responses as Record<string, Json>;
    const code = responses[String(status)] ? String(status) : responses.default ? 'default' : null;
    if (!code) return [`${method} ${op.pathTemplate}: status ${status} is not documented`];
    const resp = this.resolve(responses[code]);
    let pointer: string;
    if (this.isSwagger2) {
      if (!resp.schema) return body === undefined || body === '' ? [] : [];
      pointer = this.pointerFor(op, 'responses', code, 'schema');
    } else {
      const content = resp.content as Record<string, Json> | undefined;
      const type = content && Object.keys(content).find((k) => k.includes('json'));
      if (!type) return [];
      pointer = this.pointerFor(op, 'responses', code, 'content', type, 'schema');
    }
    return this.run(pointer, body);
  }

  /** Errors of a JSON request body against the operation's documented body schema. */
  validateRequestBody(method: string, concretePath: string, body: unknown): string[] {
    const op = this.findOperation(method, concretePath);
    if (this.isSwagger2) {
      const params = (op.operation.parameters ?? []) as Json[];
      const idx = params.findIndex((p) => this.resolve(p).in === 'body');
      if (idx < 0) return [];
      return this.run(this.pointerFor(op, 'parameters', String(idx), 'schema'), body);
    }
    const rb = op.operation.requestBody ? this.resolve(op.operation.requestBody as Json) : undefined;
    const content = rb?.content as Record<string, Json> | undefined;
    const type = content && Object.keys(content).find((k) => k.includes('json'));
    if (!type) return [];
    if (op.operation.requestBody && (op.operation.requestBody as Json).$ref) {
      const ref = String((op.operation.requestBody as Json).$ref).slice(1);
      return this.run(`${ref}/content/${type.replace(/\//g, '~1')}/schema`, body);
    }
    return this.run(this.pointerFor(op, 'requestBody', 'content', type, 'schema'), body);
  }

  /** Errors of a value against a named schema (`definitions/X` or `components/schemas/X`). */
  validateNamed(name: string, value: unknown): string[] {
    const pointer = this.isSwagger2 ? `/definitions/${name}` : `/components/schemas/${name}`;
    return this.run(pointer, value);
  }

  private run(pointer: string, value: unknown): string[] {
    const v = this.compile(pointer);
    if (v(value)) return [];
    return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
  }

  private resolve(obj: Json): Json {
    let cur = obj;
    for (let i = 0; i < 10 && typeof cur.$ref === 'string' && cur.$ref.startsWith('#/'); i++) {
      cur = cur.$ref
        .slice(2)
        .split('/')
        .reduce<unknown>((o, k) => (o as Json)[k.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc) as Json;
    }
    return cur;
  }
}

function templateRegex(template: string): RegExp {
  const src = template
    .split('/')
    .map((seg) => seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+').replace(/\{[^}]+\}/g, '[^/]+'))
    .join('/');
  return new RegExp(`^${src}/?$`);
}
