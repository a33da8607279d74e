import { describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import {
  applyJsonPatch,
  KustomizeError,
  loadYamlDocuments,
  objectId,
  renderKustomization,
  schemaProblems,
  type Json,
  type KubernetesObject,
} from './support/kustomize.js';

const root = path.resolve(import.meta.dirname, '..');
const k8s = path.join(root, 'infra', 'k8s');
const production = path.join(k8s, 'overlays', 'production');
const secretExampleFile = path.join(production, 'secret.example.yaml');

/** Names of the settings the server reads: the keys of `environmentSchema` in app-config.ts. */
function appSettings(): Set<string> {
  const source = readFileSync(path.join(root, 'apps', 'api', 'src', 'config', 'app-config.ts'), 'utf8');
  const schema = /const environmentSchema = z\s*\.object\(\{([\s\S]*?)\n {2}\}\)\s*\.superRefine/.exec(source)?.[1] ?? '';
  return new Set([...schema.matchAll(/^ {4}([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1] ?? ''));
}

/** Connections pg-boss opens per server process, besides DATABASE_POOL_SIZE (jobs/job-queue.service.ts). */
function pgBossConnections(): number {
  const source = readFileSync(path.join(root, 'apps', 'api', 'src', 'jobs', 'job-queue.service.ts'), 'utf8');
  return Number(/new PgBoss\(\{[\s\S]*?\bmax: (\d+),/.exec(source)?.[1] ?? Number.NaN);
}

/** The PostgreSQL default (max_connections 100, superuser_reserved_connections 3) less a few for the Job and operators. */
const CONNECTION_BUDGET = 100 - 3 - 5;

const PLACEHOLDER = 'CHANGE-ME';

const EXPECTED_KINDS = [
  'ConfigMap',
  'Deployment',
  'HorizontalPodAutoscaler',
  'Ingress',
  'Job',
  'PersistentVolumeClaim',
  'PodDisruptionBudget',
  'Service',
];

function yamlFilesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function only<T>(objects: readonly KubernetesObject[], kind: string): T {
  const found = objects.filter((object) => object.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0] as T;
}

const BYTES: Record<string, number> = { '': 1, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, k: 1e3, M: 1e6, G: 1e9 };

function quantity(value: string | number | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|k|M|G)?$/.exec(String(value ?? ''));
  if (!match) return Number.NaN;
  const unit = match[2] ?? '';
  return Number(match[1]) * (unit === 'm' ? 1e-3 : (BYTES[unit] ?? Number.NaN));
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function containersOf(spec: IPodSpec | undefined): IContainer[] {
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
}

type SecretKeyRef = { container: string; env: string; secret: string; key: string };

function secretKeyRefs(spec: IPodSpec | undefined): SecretKeyRef[] {
  return containersOf(spec).flatMap((container) =>
    (container.env ?? []).flatMap((env) => {
      const ref = env.valueFrom?.secretKeyRef;
      return ref ? [{ container: container.name, env: env.name, secret: ref.name ?? '', key: ref.key }] : [];
    }),
  );
}

/**
 * The product's rules for the rendered manifests, one line per broken rule (empty when all hold).
 * `fullyQualifiedImages`: the overlay must name a real image (the base keeps a placeholder name).
 */
function productProblems(objects: readonly KubernetesObject[], options: { fullyQualifiedImages: boolean }): string[] {
  const problems: string[] = [];
  const problem = (message: string) => problems.push(message);
  const settings = appSettings();
  const [example] = loadYamlDocuments(secretExampleFile) as unknown as ISecret[];

  const kinds = objects.map((object) => object.kind).sort();
  if (JSON.stringify(kinds) !== JSON.stringify(EXPECTED_KINDS)) problem(`kinds rendered: ${kinds.join(', ')}`);
  if (objects.some((object) => object.kind === 'Secret'))
    problem('a Secret is rendered: secrets are created apart (secret.example.yaml)');
  if (problems.length > 0) return problems;

  const deployment = only<IDeployment>(objects, 'Deployment');
  const service = only<IService>(objects, 'Service');
  const job = only<IJob>(objects, 'Job');
  const hpa = only<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler');
  const pdb = only<IPodDisruptionBudget>(objects, 'PodDisruptionBudget');
  const ingress = only<IIngress>(objects, 'Ingress');
  const configMap = only<IConfigMap>(objects, 'ConfigMap');
  const pvc = only<IPersistentVolumeClaim>(objects, 'PersistentVolumeClaim');
  const config = configMap.data ?? {};
  const podSpec = deployment.spec?.template.spec;
  const podLabels = deployment.spec?.template.metadata?.labels;
  const server = podSpec?.containers.find((container) => container.name === 'modelgate');
  const jobSpec = job.spec?.template.spec;
  if (!podSpec || !server || !jobSpec) return ['the Deployment needs a container "modelgate" and the Job a pod spec'];

  // Configuration: only settings the server reads; secrets and the migration switch are not in the ConfigMap.
  for (const key of Object.keys(config)) {
    if (!settings.has(key)) problem(`ConfigMap key ${key} is not a setting app-config.ts reads`);
  }
  for (const key of ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'OIDC_CLIENT_SECRET', 'MIGRATE_ON_START']) {
    if (key in config) problem(`ConfigMap must not hold ${key}`);
  }
  if (!server.envFrom?.some((source) => source.configMapRef?.name === configMap.metadata?.name)) {
    problem('the server does not load the ConfigMap (envFrom)');
  }
  for (const env of server.env ?? []) {
    if (!settings.has(env.name)) problem(`server env ${env.name} is not a setting app-config.ts reads`);
    if (env.name in config) problem(`server env ${env.name} is also in the ConfigMap`);
  }
  const literalEnv = Object.fromEntries(
    (server.env ?? []).flatMap((env) => (env.value === undefined ? [] : [[env.name, env.value]])),
  );
  if (literalEnv.MIGRATE_ON_START !== 'false') problem('the server must run with MIGRATE_ON_START=false (the Job migrates)');
  if (config.HOST !== '0.0.0.0') problem('HOST must be 0.0.0.0 so probes and the Service reach the pod');

  // Ports, probes and the traffic path: Ingress -> Service -> container port.
  const httpPort = server.ports?.find((port) => port.name === 'http');
  if (!httpPort || String(httpPort.containerPort) !== config.PORT) problem('the container port "http" must equal PORT');
  const probeOk = (probe: IContainer['readinessProbe'], wanted: string) =>
    probe?.httpGet?.path === wanted && (probe.httpGet.port === 'http' || probe.httpGet.port === httpPort?.containerPort);
  if (!probeOk(server.readinessProbe, '/readyz')) problem('the readiness probe must GET /readyz on the http port');
  if (!probeOk(server.livenessProbe, '/healthz')) problem('the liveness probe must GET /healthz on the http port');
  if (server.startupProbe && !probeOk(server.startupProbe, '/healthz')) problem('the startup probe must GET /healthz');
  if ((server.livenessProbe?.timeoutSeconds ?? 1) < 2)
    problem('liveness timeout below 2 s: /healthz p99 reached 214 ms during exports');
  if (!selects(service.spec?.selector, podLabels)) problem('the Service selector does not match the server pods');
  if (selects(service.spec?.selector, job.spec?.template.metadata?.labels)) problem('the Service selector matches the Job pods');
  const servicePort = service.spec?.ports?.find((port) => port.name === 'http');
  if (!servicePort || (servicePort.targetPort !== 'http' && servicePort.targetPort !== httpPort?.containerPort)) {
    problem('the Service port "http" must target the container port "http"');
  }
  const backends = (ingress.spec?.rules ?? []).flatMap((rule) => rule.http?.paths ?? []).map((p) => p.backend.service);
  if (backends.length === 0) problem('the Ingress routes nothing');
  for (const backend of backends) {
    const port = service.spec?.ports?.find((p) =>
      backend?.port?.name ? p.name === backend.port.name : p.port === backend?.port?.number,
    );
    if (backend?.name !== service.metadata?.name || !port) problem('an Ingress backend does not point at a Service port');
  }

  // Scaling and availability.
  if (deployment.spec?.replicas !== undefined) problem('the Deployment sets replicas: the HPA owns the count');
  if (deployment.spec?.strategy?.rollingUpdate?.maxUnavailable !== 0)
    problem('rolling updates must keep every old pod until a new one is ready');
  const target = hpa.spec?.scaleTargetRef;
  if (target?.kind !== 'Deployment' || target.apiVersion !== 'apps/v1' || target.name !== deployment.metadata?.name) {
    problem('the HPA does not target the Deployment');
  }
  const minReplicas = hpa.spec?.minReplicas ?? 1;
  const maxReplicas = hpa.spec?.maxReplicas ?? 0;
  if (minReplicas < 2 || maxReplicas < minReplicas) problem('the HPA must keep at least 2 replicas');
  if (!selects(pdb.spec?.selector?.matchLabels, podLabels)) problem('the PDB selector does not match the server pods');
  if (JSON.stringify(pdb.spec?.selector?.matchLabels) !== JSON.stringify(deployment.spec?.selector.matchLabels)) {
    problem('the PDB selector differs from the Deployment selector');
  }
  const maxUnavailable = pdb.spec?.maxUnavailable;
  if (typeof maxUnavailable !== 'number' || maxUnavailable < 1 || minReplicas - maxUnavailable < 1) {
    problem('the PDB must allow one eviction and keep a pod serving at minReplicas');
  }
  const perPod = Number(config.DATABASE_POOL_SIZE) + pgBossConnections();
  const surge = Number(deployment.spec?.strategy?.rollingUpdate?.maxSurge ?? 0);
  if (!((maxReplicas + surge) * perPod <= CONNECTION_BUDGET)) {
    problem(`(maxReplicas + maxSurge) x ${perPod} connections exceeds ${CONNECTION_BUDGET}`);
  }

  // Shutdown: the preStop pause and the server's own timeout fit in the grace period.
  const pause = Number(server.lifecycle?.preStop?.exec?.command?.[1] ?? 0);
  const grace = podSpec.terminationGracePeriodSeconds ?? 30;
  if (!(pause * 1000 + Number(config.SHUTDOWN_TIMEOUT_MS ?? 10_000) < grace * 1000)) {
    problem('preStop pause + SHUTDOWN_TIMEOUT_MS must end before terminationGracePeriodSeconds');
  }

  // Resources on every container of every pod.
  for (const container of [...containersOf(podSpec), ...containersOf(jobSpec)]) {
    const { requests, limits } = container.resources ?? {};
    if (!(quantity(requests?.cpu) > 0 && quantity(requests?.memory) > 0)) problem(`${container.name}: cpu and memory requests`);
    if (!(quantity(limits?.memory) >= quantity(requests?.memory))) problem(`${container.name}: a memory limit >= the request`);
  }

  // Storage: report bundles on a ReadWriteMany claim; the signing key from the Secret, read-only.
  const mountOf = (file: string | undefined) =>
    server.volumeMounts?.find((mount) => file !== undefined && file.startsWith(`${mount.mountPath}/`));
  const reportsMount = mountOf(config.REPORTS_DIR);
  const reportsVolume = podSpec.volumes?.find((volume) => volume.name === reportsMount?.name);
  if (
    reportsVolume?.persistentVolumeClaim?.claimName !== pvc.metadata?.name ||
    !pvc.spec?.accessModes?.includes('ReadWriteMany')
  ) {
    problem('REPORTS_DIR must be on the ReadWriteMany claim, shared by every replica');
  }
  const keyMount = mountOf(config.AUDIT_SIGNING_KEY_FILE);
  const keyVolume = podSpec.volumes?.find((volume) => volume.name === keyMount?.name);
  const keyItem = keyVolume?.secret?.items?.find(
    (item) => `${keyMount?.mountPath}/${item.path}` === config.AUDIT_SIGNING_KEY_FILE,
  );
  if (!keyItem || !keyMount?.readOnly || keyVolume?.secret?.defaultMode !== 0o440) {
    problem('AUDIT_SIGNING_KEY_FILE must be a read-only file (0440) from the Secret');
  }

  // The migration Job: same image, the owner's URL, prisma migrate deploy.
  const migrate = jobSpec.containers[0];
  const images = new Set(containersOf(podSpec).map((container) => container.image));
  if (images.size !== 1 || migrate?.image !== server.image) problem('the Job and every server container must use the same image');
  if (!podSpec.initContainers?.some((container) => container.command?.join(' ').includes('compareMigrations'))) {
    problem('the server pods must wait for their migrations (init container)');
  }
  if (migrate?.command?.join(' ') !== 'node node_modules/prisma/build/index.js migrate deploy --config prisma.config.ts') {
    problem('the Job must run prisma migrate deploy');
  }
  const jobRefs = secretKeyRefs(jobSpec);
  if (!jobRefs.some((ref) => ref.env === 'DATABASE_URL' && ref.key === 'DATABASE_MIGRATION_URL')) {
    problem('the Job must migrate with DATABASE_MIGRATION_URL');
  }
  const serverRefs = secretKeyRefs(podSpec);
  if (serverRefs.some((ref) => ref.key === 'DATABASE_MIGRATION_URL'))
    problem('the server pods must not get DATABASE_MIGRATION_URL');
  if (!serverRefs.some((ref) => ref.container === 'modelgate' && ref.env === 'DATABASE_URL' && ref.key === 'DATABASE_URL')) {
    problem('the server must get DATABASE_URL from the Secret');
  }
  if (jobSpec.restartPolicy !== 'Never' || job.spec?.backoffLimit === undefined) problem('the Job must not restart in place');

  // Every secret reference names a key of the example Secret.
  const exampleKeys = new Set(Object.keys({ ...example?.data, ...example?.stringData }));
  const references = [
    ...[...serverRefs, ...jobRefs].map((ref) => ({ secret: ref.secret, key: ref.key })),
    ...(podSpec.volumes ?? []).flatMap((volume) =>
      (volume.secret?.items ?? []).map((item) => ({ secret: volume.secret?.secretName, key: item.key })),
    ),
  ];
  for (const ref of references) {
    if (ref.secret !== example?.metadata?.name || !exampleKeys.has(ref.key)) {
      problem(`secret reference ${ref.secret}/${ref.key} is not in secret.example.yaml`);
    }
  }

  // Hardening of every pod and container.
  for (const [name, spec] of [
    ['Deployment', podSpec],
    ['Job', jobSpec],
  ] as const) {
    const context = spec.securityContext;
    if (context?.runAsNonRoot !== true || context.runAsUser !== 1000 || context.seccompProfile?.type !== 'RuntimeDefault') {
      problem(`${name}: pods run as the image's node user (1000), non-root, with the RuntimeDefault seccomp profile`);
    }
    if (spec.automountServiceAccountToken !== false) problem(`${name}: no service account token (the app never calls the API)`);
    for (const container of containersOf(spec)) {
      const security = container.securityContext;
      if (security?.allowPrivilegeEscalation !== false || security.readOnlyRootFilesystem !== true) {
        problem(`${name}/${container.name}: no privilege escalation, read-only root file system`);
      }
      if (!security?.capabilities?.drop?.includes('ALL')) problem(`${name}/${container.name}: drop all capabilities`);
      const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
      if (!spec.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir)
        problem(`${name}/${container.name}: /tmp on an emptyDir`);
    }
  }

  // Images: one image everywhere; a real registry name and a pinned tag or digest in an overlay.
  if (options.fullyQualifiedImages) {
    for (const container of [...containersOf(podSpec), ...containersOf(jobSpec)]) {
      const image = container.image ?? '';
      if (!/^[a-z0-9.-]+(:\d+)?\/[^:@]+(:[\w.-]+|@sha256:[0-9a-f]{64})$/.test(image) || image.endsWith(':latest')) {
        problem(`${container.name}: image ${image} must be registry/name with a pinned tag or digest`);
      }
    }
  }
  for (const object of objects) {
    if (object.metadata.labels?.['app.kubernetes.io/part-of'] !== 'modelgate') problem(`${objectId(object)}: label part-of`);
  }
  return problems;
}

/** Secret material in files under infra/k8s: only placeholders may be committed. */
function committedSecretProblems(file: string, documents: readonly unknown[]): string[] {
  const problems: string[] = [];
  const text = readFileSync(file, 'utf8');
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) problems.push(`${file}: holds a private key`);
  for (const match of text.matchAll(/postgres(?:ql)?:\/\/[^:/\s]+:([^@\s]+)@/g)) {
    if (match[1] !== PLACEHOLDER) problems.push(`${file}: a database URL with a password that is not ${PLACEHOLDER}`);
  }
  for (const document of documents as KubernetesObject[]) {
    if (document.kind !== 'Secret') continue;
    if (path.basename(file) !== 'secret.example.yaml') problems.push(`${file}: Secrets belong only in secret.example.yaml`);
    const values = { ...(document.data as object), ...(document.stringData as object) } as Record<string, string>;
    for (const [key, value] of Object.entries(values)) {
      if (!String(value).includes(PLACEHOLDER)) problems.push(`${file}: ${key} is not a ${PLACEHOLDER} placeholder`);
    }
  }
  return problems;
}

function clone(objects: readonly KubernetesObject[]): KubernetesObject[] {
  return structuredClone(objects) as KubernetesObject[];
}

function patchKind(objects: KubernetesObject[], kind: string, patch: Json): KubernetesObject[] {
  return objects.map((object) => (object.kind === kind ? (applyJsonPatch(object, patch) as KubernetesObject) : object));
}

describe('Kubernetes manifests (infra/k8s)', () => {
  const rendered = {
    base: renderKustomization(path.join(k8s, 'base')),
    production: renderKustomization(production),
  };

  it('reads the settings and pg-boss pool from the server source (so the rules below are not vacuous)', () => {
    const settings = appSettings();
    expect(settings.size).toBeGreaterThan(30);
    expect([...settings]).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'MIGRATE_ON_START', 'REPORTS_DIR', 'AUDIT_SIGNING_KEY_FILE']),
    );
    expect(pgBossConnections()).toBeGreaterThan(0);
  });

  it.each(Object.entries(rendered))(
    '%s renders objects that are valid against the Kubernetes schemas, unknown fields included',
    async (_name, objects) => {
      expect(await schemaProblems(objects)).toEqual([]);
    },
  );

  it('base and production follow the product rules', () => {
    expect(productProblems(rendered.base, { fullyQualifiedImages: false })).toEqual([]);
    expect(productProblems(rendered.production, { fullyQualifiedImages: true })).toEqual([]);
  });

  it('production puts everything in one namespace with a pinned image, more replicas and a TLS host', () => {
    const objects = rendered.production;
    expect(new Set(objects.map((object) => object.metadata.namespace))).toEqual(new Set(['modelgate']));
    const deployment = only<IDeployment>(objects, 'Deployment');
    expect(deployment.spec?.template.spec?.containers[0]?.image).toBe('registry.example.com/modelgate/modelgate:0.1.0');
    expect(only<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler').spec).toMatchObject({
      minReplicas: 3,
      maxReplicas: 6,
    });
    expect(only<IIngress>(objects, 'Ingress').spec?.tls?.[0]?.hosts).toEqual([
      only<IIngress>(objects, 'Ingress').spec?.rules?.[0]?.host,
    ]);
    expect(deployment.spec?.template.metadata?.labels).toMatchObject({ 'app.kubernetes.io/part-of': 'modelgate' });
  });

  it('the example Secret is valid, and the server accepts the ConfigMap with it (loadConfig of the build)', async () => {
    const [example] = loadYamlDocuments(secretExampleFile) as unknown as KubernetesObject[];
    expect(example?.kind).toBe('Secret');
    expect(await schemaProblems([example as KubernetesObject])).toEqual([]);
    const objects = rendered.production;
    const deployment = only<IDeployment>(objects, 'Deployment');
    const server = deployment.spec?.template.spec?.containers.find((container) => container.name === 'modelgate');
    const secretValues = (example?.stringData ?? {}) as Record<string, string>;
    const environment: Record<string, string> = { ...only<IConfigMap>(objects, 'ConfigMap').data };
    for (const env of server?.env ?? []) {
      const key = env.valueFrom?.secretKeyRef?.key;
      const value = env.value ?? (key === undefined ? undefined : secretValues[key]);
      if (value !== undefined) environment[env.name] = value;
    }
    const appConfigModule = path.join(root, 'apps', 'api', 'dist', 'config', 'app-config.js');
    expect(existsSync(appConfigModule) ? 'built' : 'apps/api is not built: run npm run build').toBe('built');
    const script = `const { loadConfig } = await import(${JSON.stringify(pathToFileURL(appConfigModule).href)});
      process.stdout.write(JSON.stringify(loadConfig(JSON.parse(process.argv[1]))));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '--eval', script, JSON.stringify(environment)], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
      timeout: 20_000,
    });
    expect(result.stderr).toBe('');
    const config = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(config).toMatchObject({
      http: { host: '0.0.0.0', port: 4000, trustProxy: true },
      database: { mode: 'external', url: secretValues.DATABASE_URL },
      migrateOnStart: false,
      seedDemoData: false,
      reports: { directory: '/var/lib/modelgate/reports' },
      audit: { signingKeyFile: '/etc/modelgate/keys/audit-signing-key.pem' },
      jobs: { enabled: true },
    });
  });

  it('the init container script runs from the image layout and waits for an unreachable database', async () => {
    const init = only<IDeployment>(rendered.production, 'Deployment').spec?.template.spec?.initContainers?.[0];
    const [node, ...args] = init?.command ?? [];
    expect([node, init?.workingDir]).toEqual(['node', '/app']);
    const child = spawn(process.execPath, args, {
      cwd: root, // the image's /app has the repository's layout (infra/Dockerfile)
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgresql://modelgate@127.0.0.1:9/modelgate' },
    });
    const output = await new Promise<string>((resolve) => {
      let text = '';
      const finish = () => {
        clearTimeout(timer);
        child.kill();
        resolve(text);
      };
      const timer = setTimeout(finish, 15_000);
      const collect = (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) finish();
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('exit', finish);
    });
    expect(output).toMatch(/^waiting for the database: /);
  });

  it('the image has what the pods run: workdir, user, port, the Prisma CLI and its config', () => {
    const dockerfile = readFileSync(path.join(root, 'infra', 'Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^WORKDIR \/app$/m);
    expect(runtime).toMatch(/^USER node$/m); // uid 1000 in the official node images: runAsUser 1000
    expect(runtime).toMatch(/^EXPOSE 4000$/m);
    for (const copied of [
      'prisma.config.ts',
      'node_modules',
      'prisma',
      'packages/db/dist',
      'packages/db/schema-engine',
      'packages/domain/dist',
    ]) {
      expect(runtime).toMatch(new RegExp(`^COPY --from=build .*/app/${copied}( |$)`, 'm'));
    }
    expect(existsSync(path.join(root, 'node_modules', 'prisma', 'build', 'index.js'))).toBe(true);
  });

  it('commits no secret values: Secrets only as CHANGE-ME templates, no keys, no passwords in URLs', () => {
    // secret.yaml is an operator's filled-in copy of the template, ignored by git (checked below).
    const files = yamlFilesUnder(k8s).filter((file) => path.basename(file) !== 'secret.yaml');
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap((file) => committedSecretProblems(file, loadYamlDocuments(file)))).toEqual([]);
    expect(readFileSync(path.join(production, '.gitignore'), 'utf8')).toMatch(/^secret\.yaml$/m);
  });

  describe('the checks catch mistakes', () => {
    const valid = rendered.production;
    const expectProblem = (objects: KubernetesObject[], pattern: RegExp) =>
      expect(productProblems(objects, { fullyQualifiedImages: true })).toEqual(
        expect.arrayContaining([expect.stringMatching(pattern)]),
      );

    it('probes on the wrong path or port', () => {
      const container = '/spec/template/spec/containers/0';
      expectProblem(
        patchKind(clone(valid), 'Deployment', [
          { op: 'replace', path: `${container}/readinessProbe/httpGet/path`, value: '/healthz' },
        ]),
        /readiness/,
      );
      expectProblem(
        patchKind(clone(valid), 'Deployment', [{ op: 'replace', path: `${container}/livenessProbe/httpGet/port`, value: 8080 }]),
        /liveness/,
      );
    });

    it('selectors that miss the pods, and an HPA on something else', () => {
      const other = { op: 'replace', path: '/spec/selector/matchLabels/app.kubernetes.io~1component', value: 'web' };
      expectProblem(patchKind(clone(valid), 'PodDisruptionBudget', [other]), /PDB selector/);
      expectProblem(
        patchKind(clone(valid), 'Service', [{ ...other, path: '/spec/selector/app.kubernetes.io~1component' }]),
        /Service selector/,
      );
      expectProblem(
        patchKind(clone(valid), 'HorizontalPodAutoscaler', [{ op: 'replace', path: '/spec/scaleTargetRef/name', value: 'x' }]),
        /HPA/,
      );
      expectProblem(
        patchKind(clone(valid), 'Ingress', [
          { op: 'replace', path: '/spec/rules/0/http/paths/0/backend/service/port/name', value: 'https' },
        ]),
        /Ingress backend/,
      );
    });

    it('settings the server does not read, and the migration URL in the wrong place', () => {
      expectProblem(
        patchKind(clone(valid), 'ConfigMap', [{ op: 'add', path: '/data/DATABASE_POOL', value: '5' }]),
        /DATABASE_POOL is not a setting/,
      );
      const jobUrl = '/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef/key';
      expectProblem(
        patchKind(clone(valid), 'Job', [{ op: 'replace', path: jobUrl, value: 'DATABASE_URL' }]),
        /DATABASE_MIGRATION_URL/,
      );
      const serverUrl = '/spec/template/spec/containers/0/env/1/valueFrom/secretKeyRef/key';
      expectProblem(
        patchKind(clone(valid), 'Deployment', [{ op: 'replace', path: serverUrl, value: 'DATABASE_MIGRATION_URL' }]),
        /must not get/,
      );
      expectProblem(
        patchKind(clone(valid), 'Deployment', [
          { op: 'replace', path: '/spec/template/spec/containers/0/env/0/value', value: 'true' },
        ]),
        /MIGRATE_ON_START/,
      );
    });

    it('missing requests, replicas fixed in the Deployment, too many replicas for the database', () => {
      expectProblem(
        patchKind(clone(valid), 'Job', [{ op: 'remove', path: '/spec/template/spec/containers/0/resources/requests' }]),
        /migrate: cpu and memory/,
      );
      expectProblem(patchKind(clone(valid), 'Deployment', [{ op: 'add', path: '/spec/replicas', value: 3 }]), /HPA owns/);
      expectProblem(
        patchKind(clone(valid), 'HorizontalPodAutoscaler', [{ op: 'replace', path: '/spec/maxReplicas', value: 10 }]),
        /connections exceeds/,
      );
    });

    it('a different image for the Job, a root container, report bundles on local disk', () => {
      expectProblem(
        patchKind(clone(valid), 'Job', [
          { op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'registry.example.com/other:1' },
        ]),
        /same image/,
      );
      expectProblem(
        patchKind(clone(valid), 'Job', [{ op: 'remove', path: '/spec/template/spec/containers/0/securityContext/capabilities' }]),
        /drop all/,
      );
      expectProblem(
        patchKind(clone(valid), 'ConfigMap', [{ op: 'replace', path: '/data/REPORTS_DIR', value: '/tmp/reports' }]),
        /ReadWriteMany/,
      );
    });

    it('unknown fields and malformed quantities fail the schema check', async () => {
      const container = '/spec/template/spec/containers/0';
      const typo = patchKind(clone(valid), 'Deployment', [{ op: 'add', path: `${container}/readinessprobe`, value: {} }]);
      expect(await schemaProblems(typo.filter((object) => object.kind === 'Deployment'))).toEqual([
        expect.stringMatching(/Deployment\/modelgate\/modelgate: .*readinessprobe/),
      ]);
      const size = patchKind(clone(valid), 'Deployment', [
        { op: 'replace', path: `${container}/resources/limits/memory`, value: '1GB' },
      ]);
      expect((await schemaProblems(size.filter((object) => object.kind === 'Deployment'))).join('\n')).toMatch(/quantity/);
    });

    it('a committed password or Secret value', () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'modelgate-k8s-'));
      try {
        const file = path.join(folder, 'secret.example.yaml');
        writeFileSync(
          file,
          'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  DATABASE_URL: postgresql://app:hunter2@db/app\n',
        );
        expect(committedSecretProblems(file, loadYamlDocuments(file))).toEqual([
          expect.stringMatching(/password that is not CHANGE-ME/),
          expect.stringMatching(/DATABASE_URL is not a CHANGE-ME placeholder/),
        ]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });

  describe('the kustomize renderer', () => {
    function renderFiles(files: Record<string, string>): KubernetesObject[] {
      const folder = mkdtempSync(path.join(tmpdir(), 'modelgate-kustomize-'));
      try {
        for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
        return renderKustomization(folder);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
    const header = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';
    const job = `apiVersion: batch/v1
kind: Job
metadata: {name: j, labels: {a: b}}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers: [{name: i, image: 'registry:5000/app@sha256:${'1'.repeat(64)}'}]
      containers: [{name: c, image: registry:5000/app:1}, {name: d, image: other}]
`;

    it('applies namespace, labels on objects and pod templates, images, and JSON 6902 patches in kustomize order', () => {
      const [object] = renderFiles({
        'job.yaml': job,
        'kustomization.yaml': `${header}namespace: ns
resources: [job.yaml]
labels: [{pairs: {team: x}, includeTemplates: true}]
images: [{name: 'registry:5000/app', newName: example.com/app, newTag: '2'}]
patches:
  - target: {group: batch, version: v1, kind: Job, name: j}
    patch: |-
      - {op: test, path: /metadata/labels/a, value: b}
      - {op: add, path: /spec/backoffLimit, value: 1}
`,
      });
      expect(object).toMatchObject({
        metadata: { name: 'j', namespace: 'ns', labels: { a: 'b', team: 'x' } },
        spec: {
          backoffLimit: 1,
          template: {
            metadata: { labels: { team: 'x' } },
            spec: {
              initContainers: [{ image: 'example.com/app:2' }],
              containers: [{ image: 'example.com/app:2' }, { image: 'other' }],
            },
          },
        },
      });
    });

    it.each([
      ['an unknown kustomization field', `${header}resources: [job.yaml]\ncommonLabels: {a: b}\n`, /commonLabels.*not supported/],
      [
        'a strategic-merge patch',
        `${header}resources: [job.yaml]\npatches: [{target: {kind: Job}, patch: 'metadata: {name: j}'}]\n`,
        /strategic-merge/,
      ],
      [
        'a failed JSON patch test',
        `${header}resources: [job.yaml]\npatches: [{target: {kind: Job}, patch: '[{op: test, path: /kind, value: Pod}]'}]\n`,
        /test of \/kind failed/,
      ],
      [
        'a patch that matches nothing',
        `${header}resources: [job.yaml]\npatches: [{target: {kind: Deployment}, patch: '[]'}]\n`,
        /matches no resource/,
      ],
      [
        'an image no container uses',
        `${header}resources: [job.yaml]\nimages: [{name: nginx, newTag: '1'}]\n`,
        /no container uses/,
      ],
      [
        'selector labels',
        `${header}resources: [job.yaml]\nlabels: [{pairs: {a: b}, includeSelectors: true}]\n`,
        /includeSelectors/,
      ],
      ['a remote resource', `${header}resources: [github.com/x/y?ref=main]\n`, /remote resource/],
      ['a file outside the folder', `${header}resources: ['${import.meta.filename}']\n`, /is outside/],
      ['a YAML 1.1 octal', `${header}resources: [job.yaml]\nnamespace: 0440\n`, /YAML 1.1 and 1.2/],
    ])('refuses %s', (_what, kustomization, message) => {
      expect(() => renderFiles({ 'job.yaml': job, 'kustomization.yaml': kustomization })).toThrow(message);
    });

    it('refuses unknown kinds and duplicate objects', () => {
      expect(() =>
        renderFiles({
          'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n',
          'kustomization.yaml': `${header}resources: [ns.yaml]\n`,
        }),
      ).toThrow(KustomizeError);
      expect(() =>
        renderFiles({ 'job.yaml': `${job}---\n${job}`, 'kustomization.yaml': `${header}resources: [job.yaml]\n` }),
      ).toThrow(/defined twice/);
    });
  });
});
