/**
 * A small, strict kustomize renderer and Kubernetes schema checks for the manifests in infra/k8s, so
 * the test suite can render and validate them without kustomize, kubectl or a cluster.
 *
 * It implements only what those manifests use, with kustomize's semantics, and refuses anything else
 * (an unknown kustomization field, a strategic-merge patch, a kind it does not know) instead of
 * silently rendering something kustomize would not:
 * - `resources`: YAML files inside the kustomization's folder, and folders holding a kustomization.yaml;
 * - `patches`: JSON 6902 patches (`path` or inline `patch`) with a `target` of group/version/kind/name;
 * - `namespace`, `labels` (`pairs`, `includeTemplates`; not `includeSelectors`), `images`;
 * applied in kustomize's order: patches, namespace, labels, images. Output order is the order of
 * `resources` (kustomize sorts by kind; nothing here depends on order).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import ts from 'typescript';
import { isAlias, isDocument, parseAllDocuments, visit, type Document } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type KubernetesObject = JsonObject & {
  apiVersion: string;
  kind: string;
  metadata: JsonObject & { name: string; namespace?: string; labels?: Record<string, string> };
};

export class KustomizeError extends Error {
  override name = 'KustomizeError';
}

type KindInfo = { apiVersion: string; podTemplates: readonly string[][] };

/**
 * The kinds the renderer knows, with where their pod templates are. All are namespaced and keep their
 * namespace only in metadata.namespace, which is all the namespace transformer here handles.
 */
const KINDS: Record<string, KindInfo> = {
  ConfigMap: { apiVersion: 'v1', podTemplates: [] },
  Secret: { apiVersion: 'v1', podTemplates: [] },
  Service: { apiVersion: 'v1', podTemplates: [] },
  PersistentVolumeClaim: { apiVersion: 'v1', podTemplates: [] },
  ServiceAccount: { apiVersion: 'v1', podTemplates: [] },
  Deployment: { apiVersion: 'apps/v1', podTemplates: [['spec', 'template']] },
  StatefulSet: { apiVersion: 'apps/v1', podTemplates: [['spec', 'template']] },
  Job: { apiVersion: 'batch/v1', podTemplates: [['spec', 'template']] },
  CronJob: { apiVersion: 'batch/v1', podTemplates: [['spec', 'jobTemplate', 'spec', 'template']] },
  HorizontalPodAutoscaler: { apiVersion: 'autoscaling/v2', podTemplates: [] },
  PodDisruptionBudget: { apiVersion: 'policy/v1', podTemplates: [] },
  Ingress: { apiVersion: 'networking.k8s.io/v1', podTemplates: [] },
  NetworkPolicy: { apiVersion: 'networking.k8s.io/v1', podTemplates: [] },
};

const KUSTOMIZATION_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images', 'patches']);
const PATCH_FIELDS = new Set(['path', 'patch', 'target']);
const TARGET_FIELDS = new Set(['group', 'version', 'kind', 'name']);
const LABEL_FIELDS = new Set(['pairs', 'includeTemplates', 'includeSelectors']);
const IMAGE_FIELDS = new Set(['name', 'newName', 'newTag', 'digest']);

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuseUnknownFields(value: JsonObject, allowed: ReadonlySet<string>, where: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) throw new KustomizeError(`${where}: field "${key}" is not supported by this renderer`);
  }
}

function stringArray(value: Json | undefined, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new KustomizeError(`${where} must be a list of strings`);
  }
  return value;
}

function toJson(document: Document, options: Parameters<Document['toJS']>[0]): Json {
  return document.toJS(options) as Json;
}

/**
 * Parses every document of a YAML file, refusing what kubectl and this test could read differently:
 * parse errors, duplicate keys, anchors and aliases, and scalars whose value differs between YAML 1.1
 * (kubectl's reader: `yes` is true, `0440` is octal) and YAML 1.2 (`yes` is a string, `0440` is 440).
 */
export function loadYamlDocuments(file: string): Json[] {
  const text = readFileSync(file, 'utf8');
  const modern = parseAllDocuments(text, { version: '1.2', uniqueKeys: true, strict: true });
  const legacy = parseAllDocuments(text, { version: '1.1', uniqueKeys: true, strict: true });
  if (!Array.isArray(modern) || !Array.isArray(legacy)) throw new KustomizeError(`${file}: not a YAML stream`);
  const documents: Json[] = [];
  modern.forEach((document, index) => {
    const problem = document.errors[0] ?? document.warnings[0];
    if (problem) throw new KustomizeError(`${file}: ${problem.message}`);
    visit(document, {
      Node(_key, node) {
        if (isAlias(node) || (!isDocument(node) && node.anchor)) {
          throw new KustomizeError(`${file}: anchors and aliases are not supported by this renderer`);
        }
      },
    });
    const value = toJson(document, { maxAliasCount: 0 });
    const other = legacy[index];
    if (!other || !isDeepStrictEqual(toJson(other, { maxAliasCount: 0 }), value)) {
      throw new KustomizeError(`${file}: a scalar means different things in YAML 1.1 and 1.2 (quote it)`);
    }
    if (value !== null) documents.push(value);
  });
  return documents;
}

function asKubernetesObject(value: Json, where: string): KubernetesObject {
  if (!isObject(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
    throw new KustomizeError(`${where}: a resource needs apiVersion and kind`);
  }
  const info = KINDS[value.kind];
  if (!info) throw new KustomizeError(`${where}: kind ${value.kind} is not supported by this renderer`);
  if (info.apiVersion !== value.apiVersion) {
    throw new KustomizeError(`${where}: ${value.kind} must be ${info.apiVersion}, not ${value.apiVersion}`);
  }
  if (!isObject(value.metadata) || typeof value.metadata.name !== 'string' || value.metadata.name === '') {
    throw new KustomizeError(`${where}: ${value.kind} needs metadata.name`);
  }
  return value as KubernetesObject;
}

export function objectId(object: KubernetesObject): string {
  return `${object.kind}/${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
}

function insideFolder(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function loadKustomization(folder: string): JsonObject {
  for (const other of ['kustomization.yml', 'Kustomization']) {
    if (statSync(path.join(folder, other), { throwIfNoEntry: false })) {
      throw new KustomizeError(`${folder}: only kustomization.yaml is supported, found ${other}`);
    }
  }
  const file = path.join(folder, 'kustomization.yaml');
  const documents = loadYamlDocuments(file);
  const kustomization = documents[0];
  if (documents.length !== 1 || !isObject(kustomization)) throw new KustomizeError(`${file}: expected one mapping`);
  if (kustomization.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || kustomization.kind !== 'Kustomization') {
    throw new KustomizeError(`${file}: expected apiVersion kustomize.config.k8s.io/v1beta1 and kind Kustomization`);
  }
  refuseUnknownFields(kustomization, KUSTOMIZATION_FIELDS, file);
  return kustomization;
}

/** Renders the kustomization in `folder` like `kustomize build folder`, within the subset described above. */
export function renderKustomization(folder: string): KubernetesObject[] {
  const root = path.resolve(folder);
  const kustomization = loadKustomization(root);
  const where = path.join(root, 'kustomization.yaml');
  let objects: KubernetesObject[] = [];
  for (const entry of stringArray(kustomization.resources, `${where}: resources`)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(entry) || entry.includes('?ref=')) {
      throw new KustomizeError(`${where}: remote resource ${entry} is not supported`);
    }
    const target = path.resolve(root, entry);
    const stats = statSync(target, { throwIfNoEntry: false });
    if (!stats) throw new KustomizeError(`${where}: resource ${entry} does not exist`);
    if (stats.isDirectory()) {
      objects.push(...renderKustomization(target));
    } else {
      // kustomize's default load restrictor: files must be inside the kustomization's folder.
      if (!insideFolder(root, target)) throw new KustomizeError(`${where}: file ${entry} is outside ${root}`);
      objects.push(...loadYamlDocuments(target).map((document) => asKubernetesObject(document, target)));
    }
  }
  const seen = new Set<string>();
  for (const object of objects) {
    const id = objectId(object);
    if (seen.has(id)) throw new KustomizeError(`${where}: ${id} is defined twice`);
    seen.add(id);
  }

  for (const [index, patch] of (kustomization.patches === undefined
    ? []
    : asList(kustomization.patches, `${where}: patches`)
  ).entries()) {
    objects = applyPatchEntry(objects, patch, root, `${where}: patches[${index}]`);
  }
  if (kustomization.namespace !== undefined) {
    if (typeof kustomization.namespace !== 'string' || kustomization.namespace === '') {
      throw new KustomizeError(`${where}: namespace must be a name`);
    }
    for (const object of objects) object.metadata.namespace = kustomization.namespace;
  }
  for (const [index, entry] of (kustomization.labels === undefined
    ? []
    : asList(kustomization.labels, `${where}: labels`)
  ).entries()) {
    applyLabels(objects, entry, `${where}: labels[${index}]`);
  }
  for (const [index, entry] of (kustomization.images === undefined
    ? []
    : asList(kustomization.images, `${where}: images`)
  ).entries()) {
    applyImage(objects, entry, `${where}: images[${index}]`);
  }
  return objects;
}

function asList(value: Json, where: string): Json[] {
  if (!Array.isArray(value)) throw new KustomizeError(`${where} must be a list`);
  return value;
}

function groupVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash === -1
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function applyPatchEntry(objects: KubernetesObject[], entry: Json, root: string, where: string): KubernetesObject[] {
  if (!isObject(entry)) throw new KustomizeError(`${where} must be a mapping`);
  refuseUnknownFields(entry, PATCH_FIELDS, where);
  if ((entry.path === undefined) === (entry.patch === undefined)) {
    throw new KustomizeError(`${where}: give exactly one of path and patch`);
  }
  let operations: Json;
  if (typeof entry.path === 'string') {
    const file = path.resolve(root, entry.path);
    if (!insideFolder(root, file)) throw new KustomizeError(`${where}: ${entry.path} is outside ${root}`);
    const documents = loadYamlDocuments(file);
    if (documents.length !== 1) throw new KustomizeError(`${where}: ${entry.path} must hold one YAML document`);
    operations = documents[0] ?? null;
  } else if (typeof entry.patch === 'string') {
    const documents = parseAllDocuments(entry.patch, { uniqueKeys: true, strict: true });
    const [document] = Array.isArray(documents) ? documents : [];
    if (!document || documents.length !== 1 || document.errors.length > 0) {
      throw new KustomizeError(`${where}: patch must be one YAML document`);
    }
    operations = toJson(document, { maxAliasCount: 0 });
  } else {
    throw new KustomizeError(`${where}: path and patch must be strings`);
  }
  if (!Array.isArray(operations)) {
    throw new KustomizeError(
      `${where}: only JSON 6902 patches (a list of operations) are supported, not strategic-merge patches`,
    );
  }
  const target = entry.target;
  if (!isObject(target)) throw new KustomizeError(`${where}: a JSON 6902 patch needs a target`);
  refuseUnknownFields(target, TARGET_FIELDS, `${where}: target`);
  for (const [key, value] of Object.entries(target)) {
    if (typeof value !== 'string' || /[\^$*+?()[\]{}|\\]/.test(value)) {
      throw new KustomizeError(`${where}: target.${key} must be a plain name (regular expressions are not supported)`);
    }
  }
  let matched = 0;
  const result = objects.map((object) => {
    const { group, version } = groupVersion(object.apiVersion);
    const matches =
      (target.group === undefined || target.group === group) &&
      (target.version === undefined || target.version === version) &&
      (target.kind === undefined || target.kind === object.kind) &&
      (target.name === undefined || target.name === object.metadata.name);
    if (!matches) return object;
    matched += 1;
    return asKubernetesObject(applyJsonPatch(object, operations, `${where} on ${objectId(object)}`), where);
  });
  if (matched === 0) throw new KustomizeError(`${where}: the target matches no resource`);
  return result;
}

function parsePointer(pointer: string, where: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new KustomizeError(`${where}: "${pointer}" is not a JSON pointer`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function arrayIndex(token: string, length: number, allowEnd: boolean, where: string): number {
  if (allowEnd && token === '-') return length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new KustomizeError(`${where}: "${token}" is not an array index`);
  const index = Number(token);
  if (index > length || (!allowEnd && index === length)) throw new KustomizeError(`${where}: index ${index} is out of range`);
  return index;
}

/** RFC 6902 `add`, `remove`, `replace` and `test` on a copy of `document` (`move` and `copy` are refused). */
export function applyJsonPatch(document: Json, operations: Json, where = 'patch'): Json {
  if (!Array.isArray(operations)) throw new KustomizeError(`${where}: a JSON patch is a list of operations`);
  let result = structuredClone(document);
  operations.forEach((operation, index) => {
    const at = `${where}, operation ${index}`;
    if (!isObject(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string') {
      throw new KustomizeError(`${at}: needs op and path`);
    }
    const { op } = operation;
    if (!['add', 'remove', 'replace', 'test'].includes(op)) throw new KustomizeError(`${at}: op "${op}" is not supported`);
    refuseUnknownFields(operation, new Set(op === 'remove' ? ['op', 'path'] : ['op', 'path', 'value']), at);
    if (op !== 'remove' && operation.value === undefined) throw new KustomizeError(`${at}: ${op} needs a value`);
    const value = operation.value ?? null;
    const tokens = parsePointer(operation.path, at);
    const last = tokens.pop();
    if (last === undefined) {
      if (op === 'remove') throw new KustomizeError(`${at}: cannot remove the whole document`);
      if (op === 'test') {
        if (!isDeepStrictEqual(result, value)) throw new KustomizeError(`${at}: test of "" failed`);
      } else result = structuredClone(value);
      return;
    }
    let parent: Json = result;
    for (const token of tokens) {
      if (Array.isArray(parent)) parent = parent[arrayIndex(token, parent.length, false, at)] ?? null;
      else if (isObject(parent) && Object.hasOwn(parent, token)) parent = parent[token] ?? null;
      else throw new KustomizeError(`${at}: ${operation.path} does not exist`);
    }
    if (Array.isArray(parent)) {
      const position = arrayIndex(last, parent.length, op === 'add', at);
      if (op === 'add') parent.splice(position, 0, structuredClone(value));
      else if (op === 'remove') parent.splice(position, 1);
      else if (op === 'replace') parent[position] = structuredClone(value);
      else if (!isDeepStrictEqual(parent[position], value)) throw new KustomizeError(`${at}: test of ${operation.path} failed`);
    } else if (isObject(parent)) {
      const exists = Object.hasOwn(parent, last);
      if (op !== 'add' && !exists) throw new KustomizeError(`${at}: ${operation.path} does not exist`);
      if (op === 'add' || op === 'replace') parent[last] = structuredClone(value);
      else if (op === 'remove') delete parent[last];
      else if (!isDeepStrictEqual(parent[last], value)) throw new KustomizeError(`${at}: test of ${operation.path} failed`);
    } else {
      throw new KustomizeError(`${at}: the parent of ${operation.path} is not a container`);
    }
  });
  return result;
}

function objectAt(object: JsonObject, fields: readonly string[], create: boolean): JsonObject | undefined {
  let current: JsonObject = object;
  for (const field of fields) {
    const next = current[field];
    if (isObject(next)) current = next;
    else if (next === undefined && create) current = current[field] = {};
    else return undefined;
  }
  return current;
}

/** The pod templates of an object (`spec.template` of a Deployment, ...), as kustomize's field specs name them. */
export function podTemplates(object: KubernetesObject): JsonObject[] {
  return (KINDS[object.kind]?.podTemplates ?? []).flatMap((fields) => {
    const template = objectAt(object, fields, false);
    return template ? [template] : [];
  });
}

function applyLabels(objects: KubernetesObject[], entry: Json, where: string): void {
  if (!isObject(entry)) throw new KustomizeError(`${where} must be a mapping`);
  refuseUnknownFields(entry, LABEL_FIELDS, where);
  if (entry.includeSelectors === true) throw new KustomizeError(`${where}: includeSelectors is not supported by this renderer`);
  const { pairs } = entry;
  if (!isObject(pairs) || !Object.values(pairs).every((value) => typeof value === 'string')) {
    throw new KustomizeError(`${where}: pairs must map label names to strings`);
  }
  for (const object of objects) {
    const targets = [
      object.metadata,
      ...(entry.includeTemplates === true ? podTemplates(object).map((t) => objectAt(t, ['metadata'], true)) : []),
    ];
    for (const metadata of targets) {
      const labels = metadata && objectAt(metadata, ['labels'], true);
      if (labels) Object.assign(labels, pairs);
    }
  }
}

type ImageReference = { name: string; tag?: string; digest?: string };

export function parseImage(reference: string): ImageReference {
  const at = reference.indexOf('@');
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  const rest = at === -1 ? reference : reference.slice(0, at);
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  return {
    name: hasTag ? rest.slice(0, colon) : rest,
    ...(hasTag ? { tag: rest.slice(colon + 1) } : {}),
    ...(digest === undefined ? {} : { digest }),
  };
}

/** Every container and init container of an object's pod templates. */
export function containersOf(object: KubernetesObject): JsonObject[] {
  return podTemplates(object).flatMap((template) => {
    const spec = template.spec;
    if (!isObject(spec)) return [];
    return [spec.initContainers, spec.containers].flatMap((list) => (Array.isArray(list) ? list.filter(isObject) : []));
  });
}

function applyImage(objects: KubernetesObject[], entry: Json, where: string): void {
  if (!isObject(entry)) throw new KustomizeError(`${where} must be a mapping`);
  refuseUnknownFields(entry, IMAGE_FIELDS, where);
  if (!Object.values(entry).every((value) => typeof value === 'string')) {
    throw new KustomizeError(`${where}: name, newName, newTag and digest must be strings (quote a numeric tag)`);
  }
  const { name, newName, newTag, digest } = entry as Record<string, string | undefined>;
  if (!name) throw new KustomizeError(`${where}: needs a name`);
  let matched = 0;
  for (const container of objects.flatMap(containersOf)) {
    if (typeof container.image !== 'string') continue;
    const image = parseImage(container.image);
    if (image.name !== name) continue;
    matched += 1;
    const base = newName ?? image.name;
    container.image = digest
      ? `${base}@${digest}`
      : newTag
        ? `${base}:${newTag}`
        : `${base}${image.tag === undefined ? '' : `:${image.tag}`}${image.digest === undefined ? '' : `@${image.digest}`}`;
  }
  if (matched === 0) throw new KustomizeError(`${where}: no container uses the image ${name}`);
}

/**
 * Validates each object against the Kubernetes JSON schemas shipped by `kubernetes-models` (types,
 * required fields, enums, formats such as quantities), then rejects unknown fields the way
 * `kubeconform -strict` does, with TypeScript's excess-property check against the same package's
 * type declarations. Returns one line per problem; empty when every object is valid.
 */
export async function schemaProblems(objects: readonly KubernetesObject[]): Promise<string[]> {
  const problems: string[] = [];
  for (const object of objects) {
    const specifier = `kubernetes-models/${object.apiVersion}/${object.kind}`;
    const module = (await import(specifier)) as Record<string, (new (data: unknown) => { validate(): void }) | undefined>;
    const Model = module[object.kind];
    if (!Model) {
      problems.push(`${objectId(object)}: no schema in ${specifier}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(`${objectId(object)}: ${(error as Error).message}`);
    }
  }
  return [...problems, ...unknownFieldProblems(objects)];
}

const TYPE_CHECK_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  lib: ['lib.es2022.d.ts'],
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
};

/** Parsed library and kubernetes-models declaration files, shared by every check in the process. */
const declarationFiles = new Map<string, ts.SourceFile | undefined>();

function unknownFieldProblems(objects: readonly KubernetesObject[]): string[] {
  // Virtual files in this package's folder, so `kubernetes-models` resolves from its node_modules.
  const folder = path.resolve(import.meta.dirname, '..');
  const sources = new Map(
    objects.map((object, index) => [
      path.join(folder, `__manifest_${index}__.ts`),
      {
        object,
        text:
          `import type { I${object.kind} } from 'kubernetes-models/${object.apiVersion}/${object.kind}';\n` +
          `export const manifest: I${object.kind} = ${JSON.stringify(object, null, 2)};\n`,
      },
    ]),
  );
  const host = ts.createCompilerHost(TYPE_CHECK_OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (file, language, ...rest) => {
    const source = sources.get(path.resolve(file));
    if (source) return ts.createSourceFile(file, source.text, language);
    if (!declarationFiles.has(file)) declarationFiles.set(file, getSourceFile(file, language, ...rest));
    return declarationFiles.get(file);
  };
  host.fileExists = (file) => sources.has(path.resolve(file)) || fileExists(file);
  host.readFile = (file) => sources.get(path.resolve(file))?.text ?? readFile(file);
  const program = ts.createProgram([...sources.keys()], TYPE_CHECK_OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const source = diagnostic.file && sources.get(path.resolve(diagnostic.file.fileName));
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    return source ? `${objectId(source.object)}: ${message}` : message;
  });
}
