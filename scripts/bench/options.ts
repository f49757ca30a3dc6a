// Command-line options of `npm run bench`.
import type { ScaleName } from '../../db/seed/scale';

/** The data each tier runs on: `npm run db:seed -- --scale <name>` into its own database. */
export const SCALE_TIERS = {
  banyumas: { tier: 'kabupaten', database: 'payung_bench', minMembers: 320_000, rebuildBudgetSeconds: 60 },
  jateng: { tier: 'province', database: 'payung_bench_jateng', minMembers: 900_000, rebuildBudgetSeconds: 120 },
} as const satisfies Record<ScaleName, { tier: string; database: string; minMembers: number; rebuildBudgetSeconds: number }>;
const SCALE_NAMES = Object.keys(SCALE_TIERS) as ScaleName[];

// In the order they run: the load test last, as it leaves a saturated server behind.
export const SECTIONS = ['demo-seed', 'import-copy', 'rebuild', 'api', 'pages', 'baseline', 'freshness', 'js', 'load'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  scale: ScaleName;
  databaseUrl: string;
  port: number;
  requests: number;
  warmup: number;
  /** Stop measuring one endpoint or page after this many seconds (at least 3 samples). */
  targetSeconds: number;
  baselineRequests: number;
  loadSeconds: number;
  loadConnections: number;
  /** Replaces the load test's mix of the overview and the API (to load one endpoint, say). */
  loadPaths: string[] | null;
  sections: Set<Section>;
  /** Where the JSON results go (bench-<timestamp>.json and latest.json). */
  outDir: string;
}

export const USAGE = `Usage: npm run bench -- [options]

  --scale S               banyumas (default: the kabupaten tier, database payung_bench) or jateng (the
                          province tier, database payung_bench_jateng: also the province, region=33)
  --requests N            measured requests per endpoint and page (default 20)
  --warmup N              warm-up requests before measuring (default 3)
  --target-seconds N      stop measuring one endpoint or page after N s, with at least 3 samples (default 30)
  --baseline-requests N   repetitions of each raw-SQL baseline query (default 5)
  --load-seconds N        load test duration (default 60)
  --load-connections N    concurrent signed-in connections in the load test (default 100)
  --load-paths p,q        load these paths instead of the overview-and-API mix (e.g. /api/v1/claims)
  --only a,b              run only these sections: ${SECTIONS.join(', ')}
  --skip-import-copy, --skip-rebuild, --skip-api, --skip-pages, --skip-baseline, --skip-freshness, --skip-js, --skip-load
  --quick                 --requests 5 --warmup 1 --baseline-requests 2 --load-seconds 10
  --out DIR               where the JSON results go (default .data/bench)

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ and the scale's database; it is
seeded with that scale when it holds fewer members than the scale makes; import-copy uses a database of its
own, made afresh: the same URL with "_import" after the name),
BENCH_PORT (default 3200), CHROMIUM_PATH (default /usr/lib/chromium/chromium).`;

function positiveInt(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!value || !Number.isInteger(n) || n < 1) throw new Error(`${name} needs a whole number of at least 1, got "${value ?? ''}"`);
  return n;
}

export function parseOptions(argv: readonly string[], env: Record<string, string | undefined> = process.env): BenchOptions | 'help' {
  const options: BenchOptions = {
    scale: 'banyumas',
    databaseUrl: '',
    port: env.BENCH_PORT ? positiveInt('BENCH_PORT', env.BENCH_PORT) : 3200,
    requests: 20,
    warmup: 3,
    targetSeconds: 30,
    baselineRequests: 5,
    loadSeconds: 60,
    loadConnections: 100,
    loadPaths: null,
    sections: new Set(SECTIONS),
    outDir: '.data/bench',
  };
  const skipped = new Set<Section>();
  let only: Set<Section> | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--help':
      case '-h':
        return 'help';
      case '--scale': {
        const v = value();
        if (!(SCALE_NAMES as string[]).includes(v ?? '')) throw new Error(`--scale needs ${SCALE_NAMES.join(' or ')}, got "${v ?? ''}"`);
        options.scale = v as ScaleName;
        break;
      }
      case '--requests':
        options.requests = positiveInt(name, value());
        break;
      case '--warmup': {
        const v = value();
        options.warmup = v === '0' ? 0 : positiveInt(name, v);
        break;
      }
      case '--target-seconds':
        options.targetSeconds = positiveInt(name, value());
        break;
      case '--baseline-requests':
        options.baselineRequests = positiveInt(name, value());
        break;
      case '--load-seconds':
        options.loadSeconds = positiveInt(name, value());
        break;
      case '--load-connections':
        options.loadConnections = positiveInt(name, value());
        break;
      case '--load-paths': {
        const paths = (value() ?? '').split(',').map((p) => p.trim()).filter(Boolean);
        if (paths.length === 0 || paths.some((p) => !p.startsWith('/'))) throw new Error('--load-paths needs paths starting with /, separated by commas');
        options.loadPaths = paths;
        break;
      }
      case '--quick':
        options.requests = 5;
        options.warmup = 1;
        options.baselineRequests = 2;
        options.loadSeconds = 10;
        break;
      case '--out':
        options.outDir = value() ?? options.outDir;
        break;
      case '--only': {
        const list = (value() ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        for (const s of list) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only: unknown section "${s}" (${SECTIONS.join(', ')})`);
        only = new Set(list as Section[]);
        break;
      }
      default: {
        const skip = /^--skip-(.+)$/.exec(name)?.[1];
        if (skip && (SECTIONS as readonly string[]).includes(skip)) {
          skipped.add(skip as Section);
          break;
        }
        throw new Error(`Unknown option ${arg}.\n\n${USAGE}`);
      }
    }
  }
  options.sections = new Set([...(only ?? SECTIONS)].filter((s) => !skipped.has(s)));
  options.databaseUrl = env.BENCH_DATABASE_URL || `postgres://postgres@127.0.0.1:5432/${SCALE_TIERS[options.scale].database}`;
  return options;
}
