/** The CI system a run was made under, from its environment; null fields outside CI. */
export interface CiInfo {
  provider: string | null;
  runId: string | null;
  job: string | null;
  /** The branch CI built, for a detached checkout. */
  branch: string | null;
}

const PROVIDERS: { provider: string; when: string; runId: string[]; job: string[]; branch: string[] }[] = [
  {
    provider: 'github',
    when: 'GITHUB_ACTIONS',
    runId: ['GITHUB_RUN_ID'],
    job: ['GITHUB_JOB'],
    branch: ['GITHUB_HEAD_REF', 'GITHUB_REF_NAME'],
  },
  {
    provider: 'gitlab',
    when: 'GITLAB_CI',
    runId: ['CI_PIPELINE_ID'],
    job: ['CI_JOB_NAME'],
    branch: ['CI_COMMIT_REF_NAME'],
  },
  {
    provider: 'buildkite',
    when: 'BUILDKITE',
    runId: ['BUILDKITE_BUILD_ID'],
    job: ['BUILDKITE_LABEL'],
    branch: ['BUILDKITE_BRANCH'],
  },
  {
    provider: 'circleci',
    when: 'CIRCLECI',
    runId: ['CIRCLE_WORKFLOW_ID'],
    job: ['CIRCLE_JOB'],
    branch: ['CIRCLE_BRANCH'],
  },
];

/** Reads the CI provider, run id, job and branch from the environment (BATCH_CI_RUN_ID wins for the id). */
export function ciInfo(env: NodeJS.ProcessEnv): CiInfo {
  const pick = (names: string[]) => names.map((n) => env[n]).find((v) => v !== undefined && v !== '') ?? null;
  const found = PROVIDERS.find((p) => env[p.when] === 'true');
  const generic = env.CI === 'true' || env.CI === '1';
  if (!found && !generic && !env.BATCH_CI_RUN_ID)
    return { provider: null, runId: null, job: null, branch: null };
  return {
    provider: found?.provider ?? 'ci',
    runId: env.BATCH_CI_RUN_ID || (found ? pick(found.runId) : null),
    job: env.BATCH_CI_JOB || (found ? pick(found.job) : null),
    branch: found ? pick(found.branch) : null,
  };
}
