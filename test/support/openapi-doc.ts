/** Just enough of an OpenAPI 3.1 document to walk it in tests. */
export interface Operation {
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: Schema }> }>;
  'x-roles'?: string[];
  'x-undescribed'?: boolean;
}

export interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
}

export interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  security?: Record<string, string[]>[];
  components: { schemas?: Record<string, Schema>; securitySchemes?: Record<string, Record<string, string>> };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export interface Located {
  method: string;
  path: string;
  key: string;
  op: Operation;
}

/** Every operation of the document, with its `METHOD /path` key. */
export function operations(doc: OpenApiDoc): Located[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => ({ method, path, key: `${method.toUpperCase()} ${path}`, op })),
  );
}

/** A schema with its `$ref`s into components followed; throws on one that leads nowhere. */
export function resolve(doc: OpenApiDoc, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref; hops++) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(current.$ref)?.[1];
    const target = name ? doc.components.schemas?.[name] : undefined;
    if (!target || hops > 10) throw new Error(`unresolvable $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/** Every `$ref` anywhere in the document. */
export function allRefs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => allRefs(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') found.push(v);
      else allRefs(v, found);
    }
  }
  return found;
}

/** A concrete URL for a templated path: parameters filled with values of the right form. */
export function samplePath(path: string): string {
  const samples: Record<string, string> = { id: '00000000-0000-4000-8000-000000000000', version: '1', file: 'nothing-here.js', path: 'somewhere' };
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => samples[name] ?? 'x');
}
